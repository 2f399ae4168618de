/** Anything `fileFrom` turns into an uploadable File. */
export type FileSource = Blob | ArrayBuffer | ArrayBufferView | AsyncIterable<Uint8Array | string>;

/**
 * Wraps bytes as a named File for multipart uploads, so the server sees the
 * file's name. In Node, pass a Buffer, or a readable stream (it is read into
 * memory first); for large files on disk prefer `fs.openAsBlob(path)`, which
 * streams from disk, and pass its Blob here to give it a name.
 */
export async function fileFrom(source: FileSource, name: string, type = "application/octet-stream"): Promise<File> {
  if (source instanceof Blob) return new File([source], name, { type: source.type || type });
  if (source instanceof ArrayBuffer) return new File([source], name, { type });
  if (ArrayBuffer.isView(source)) {
    const bytes = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    return new File([bytes as Uint8Array<ArrayBuffer>], name, { type });
  }
  const parts: BlobPart[] = [];
  for await (const chunk of source) parts.push(typeof chunk === "string" ? chunk : (new Uint8Array(chunk) as Uint8Array<ArrayBuffer>));
  return new File(parts, name, { type });
}
