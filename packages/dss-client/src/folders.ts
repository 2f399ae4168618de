// Files of a managed folder, as the official client's DSSManagedFolder handles
// them: list, upload from bytes, a Blob or a stream, download as a stream.
import { type FileSource, fileFrom, type RequestOptions } from "@sciclients/core";
import type { DssClient } from "./client.js";
import { listManagedFolderContents, uploadManagedFolderFile } from "./generated/functions/managed-folders/managed-folders.js";
import type { ManagedFolderItem } from "./generated/model/index.js";
import { byteStream, type DssByteStream, openStream } from "./streaming.js";

export interface ManagedFolderCallOptions {
  /** Stops the call: it rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Other request options (headers, timeout, `onUploadProgress`, `onDownloadProgress`). */
  request?: Omit<RequestOptions, "client" | "signal">;
}

const options = (client: DssClient, o: ManagedFolderCallOptions): RequestOptions => ({
  ...o.request,
  client,
  ...(o.signal ? { signal: o.signal } : {}),
});

/** A file path inside a folder as DSS lists it: from the root, with a leading `/`. */
const normalised = (path: string) => (path.startsWith("/") ? path : `/${path}`);

export interface ListManagedFolderFilesOptions extends ManagedFolderCallOptions {
  /** Only files under this folder path (`/reports` or `reports/`); every file when omitted. */
  under?: string;
}

/**
 * Lists the files of a managed folder, at any depth, like `DSSManagedFolder.list_contents()["items"]`:
 * each with its `path` (from the root, starting with `/`), `size` and `lastModified`.
 */
export async function listManagedFolderFiles(
  client: DssClient,
  projectKey: string,
  folderId: string,
  o: ListManagedFolderFilesOptions = {},
): Promise<ManagedFolderItem[]> {
  const { items } = await listManagedFolderContents(projectKey, folderId, options(client, o));
  if (o.under === undefined) return items;
  const prefix = normalised(o.under).replace(/\/?$/, "/");
  return items.filter((item) => normalised(item.path).startsWith(prefix));
}

/**
 * Writes a file into a managed folder, like `DSSManagedFolder.put_file(path, f)`: creates
 * it at `path` (parent folders included) or replaces it. `content` is anything
 * `fileFrom` takes: a Blob or File (in Node, `await fs.openAsBlob(file)` streams from
 * disk), a Buffer or other bytes, or an async iterable of chunks such as a Node
 * readable stream (read into memory before sending).
 */
export async function putManagedFolderFile(
  client: DssClient,
  projectKey: string,
  folderId: string,
  path: string,
  content: FileSource,
  o: ManagedFolderCallOptions = {},
): Promise<void> {
  const name = path.endsWith("/") ? undefined : path.split("/").pop();
  if (!name) throw new TypeError(`putManagedFolderFile: "${path}" names no file in folder ${projectKey}.${folderId}`);
  const file = await fileFrom(content, name);
  await uploadManagedFolderFile(projectKey, folderId, path, { file }, options(client, o));
}

/**
 * Reads a file of a managed folder as a stream of bytes, like `DSSManagedFolder.get_file(path)`:
 * the bytes arrive as DSS sends them, without holding the file in memory. In Node, write it
 * to disk with `await writeFile(target, stream)` (or `pipeline(stream, createWriteStream(target))`);
 * in a browser, `await new Response(stream).blob()`. Cancel the stream (or leave a `for await` early) to stop the
 * transfer. A missing file rejects with an `ApiError` (404) before any byte is read.
 */
export async function streamManagedFolderFile(
  client: DssClient,
  projectKey: string,
  folderId: string,
  path: string,
  o: ManagedFolderCallOptions = {},
): Promise<DssByteStream> {
  const transfer = new AbortController();
  const forward = () => transfer.abort(o.signal?.reason);
  if (o.signal?.aborted) throw o.signal.reason;
  o.signal?.addEventListener("abort", forward, { once: true });
  try {
    const response = await openStream(client, "streamManagedFolderFile", {
      method: "GET",
      url: `/projects/${encodeURIComponent(projectKey)}/managedfolders/${encodeURIComponent(folderId)}/contents/${encodeURIComponent(path)}`,
      ...(o.request ? { request: o.request } : {}),
      signal: transfer.signal,
    });
    return byteStream(response.data, () => transfer.abort());
  } catch (error) {
    o.signal?.removeEventListener("abort", forward);
    if (o.signal?.aborted) throw o.signal.reason;
    throw error;
  }
}
