import type { ApiRequest } from '../../http/api-module.js';
import { BodyTooLargeError } from '../../http/request.js';
import { missing, VodError } from './vod-error.js';

/**
 * The decoded parameters of an RPC call: the query, plus a form-encoded body for POST
 * (`@alicloud/pop-core` sends every parameter in the body then). The first value of a repeated key wins.
 */
export class RpcParams {
  private constructor(readonly all: Record<string, string>) {}

  /** Parameters given directly (unit tests, internal calls). */
  static of(all: Record<string, string>): RpcParams {
    return new RpcParams(Object.assign(Object.create(null) as Record<string, string>, all));
  }

  static async read(request: ApiRequest): Promise<RpcParams> {
    const all = Object.create(null) as Record<string, string>;
    const add = (search: URLSearchParams) => {
      for (const [key, value] of search) if (!(key in all)) all[key] = value;
    };
    if (request.req.method === 'POST') {
      const reading = request.body(1 << 20);
      // The module paused the request so no chunk is lost before this reader is attached.
      request.req.resume();
      const body = await reading.catch((error: unknown) => {
        if (error instanceof BodyTooLargeError)
          throw new VodError('InvalidParameter', 'The request body is too large.');
        throw error;
      });
      add(new URLSearchParams(body.toString('utf8')));
    }
    add(request.url.searchParams);
    return new RpcParams(all);
  }

  /** The value, or undefined when absent or empty (the cloud treats both alike). */
  get(name: string): string | undefined {
    const value = this.all[name];
    return value === undefined || value === '' ? undefined : value;
  }

  required(name: string): string {
    const value = this.get(name);
    if (value === undefined) throw missing(name);
    return value;
  }
}
