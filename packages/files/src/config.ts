import { LocalDiskStore } from "./local-disk";
import { S3Store, type S3Options } from "./s3";
import type { FileStore } from "./store";

export interface FileStoreConfig {
  /** Local directory (used when no S3 bucket is configured). */
  dir: string;
  s3?: S3Options;
}

/** S3 when a bucket is configured, else local disk. */
export function createFileStore(config: FileStoreConfig): FileStore {
  return config.s3 ? new S3Store(config.s3) : new LocalDiskStore(config.dir);
}
