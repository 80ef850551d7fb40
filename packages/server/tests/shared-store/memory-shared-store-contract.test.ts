import { MemorySharedStore } from '@vod-uploader/server';
import { describeSharedStoreContract } from './shared-store-contract.js';

describeSharedStoreContract('memory', () => new MemorySharedStore());
