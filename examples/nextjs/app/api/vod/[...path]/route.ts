import { vodHandler } from '../../../../lib/vod-handler';

export const runtime = 'nodejs'; // the Tencent and Alibaba SDKs use Node's http client
export const dynamic = 'force-dynamic'; // answers carry fresh credentials: never cached
export const GET = vodHandler;
export const POST = vodHandler;
