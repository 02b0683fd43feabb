export { storageKey, parseStorageKey, InvalidStorageKey, type AttachmentRef } from "./keys";
export { TenantFiles, ForeignStorageKey, bytesOf, streamOf, type FileStore, type FileBody, type FileMeta, type StoredFile } from "./store";
export { LocalDiskStore } from "./local-disk";
export { S3Store, S3Error, type S3Options } from "./s3";
export { MemoryStore } from "./memory";
export { createFileStore, type FileStoreConfig } from "./config";
export { reencodePhoto, type ReencodedPhoto } from "./image";
export { prepareFile, type PreparedFile } from "./prepare";
