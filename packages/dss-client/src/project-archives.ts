// Moving projects between DSS nodes as archives, like the official client's
// DSSProject.get_export_stream and DSSClient.prepare_project_import(...).execute().
import { type FileSource, fileFrom, type RequestOptions } from "@sciclients/core";
import type { AxiosProgressEvent } from "axios";
import type { DssClient } from "./client.js";
import { executeProjectImport, prepareProjectImport } from "./generated/functions/projects/projects.js";
import type { ProjectExportOptions, ProjectImportResult, ProjectImportSettings } from "./generated/model/index.js";
import { byteStream, type DssByteStream, openStream } from "./streaming.js";

/** Where a transfer stands: bytes moved so far and, when known, in all. */
export interface DssTransferProgress {
  loaded: number;
  total?: number;
}

export interface ExportProjectArchiveOptions {
  /** What to include besides the configuration (uploaded files, managed data, saved models, ...). */
  include?: ProjectExportOptions;
  /** Called as the archive's bytes arrive. */
  onProgress?: (progress: DssTransferProgress) => void;
  /** Stops the export: the call or the stream rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Other request options (headers, timeout). */
  request?: Omit<RequestOptions, "client" | "signal" | "onDownloadProgress">;
}

const progressOf = (event: AxiosProgressEvent): DssTransferProgress => ({
  loaded: event.loaded,
  ...(event.total ? { total: event.total } : {}),
});

/**
 * Exports a project as a zip archive streamed from DSS (`POST /projects/{projectKey}/export`).
 * DSS starts answering once the archive is ready, which for large projects takes a while;
 * the bytes then arrive as a stream (write it to a file in Node with
 * `await writeFile("CHURN.zip", stream)`). Errors before the
 * first byte (unknown project, no permission) reject with an `ApiError`.
 */
export async function exportProjectArchive(
  client: DssClient,
  projectKey: string,
  options: ExportProjectArchiveOptions = {},
): Promise<DssByteStream> {
  options.signal?.throwIfAborted();
  const transfer = new AbortController();
  const forward = () => transfer.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", forward, { once: true });
  const { onProgress } = options;
  try {
    const response = await openStream(client, "exportProjectArchive", {
      method: "POST",
      url: `/projects/${encodeURIComponent(projectKey)}/export`,
      data: options.include ?? {},
      request: { ...options.request, ...(onProgress ? { onDownloadProgress: (e: AxiosProgressEvent) => onProgress(progressOf(e)) } : {}) },
      signal: transfer.signal,
    });
    return byteStream(response.data, () => transfer.abort());
  } catch (error) {
    options.signal?.removeEventListener("abort", forward);
    if (options.signal?.aborted) throw options.signal.reason;
    throw error;
  }
}

/** An import DSS carried out but reported as failed (`success: false`), with its messages. */
export class DssProjectImportError extends Error {
  override readonly name = "DssProjectImportError";
  /** What DSS answered, messages included. */
  readonly result: ProjectImportResult;
  constructor(result: ProjectImportResult, message: string) {
    super(message);
    this.result = result;
  }
}

export function isDssProjectImportError(value: unknown): value is DssProjectImportError {
  return value instanceof DssProjectImportError;
}

export interface ImportProjectArchiveOptions {
  /** Target key, folder and connection or code environment remapping; the archive's own key when omitted. */
  settings?: ProjectImportSettings;
  /** Called with each stage: the upload (with bytes sent, as they go), then the import on DSS. */
  onProgress?: (stage: "uploading" | "importing", progress?: DssTransferProgress) => void;
  /** Stops the import: the call rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Other request options (headers, timeout). */
  request?: Omit<RequestOptions, "client" | "signal" | "onUploadProgress">;
}

/** The text of DSS's import messages, when it has some. */
function messageText(result: ProjectImportResult): string | undefined {
  const messages = (result.messages as { messages?: { message?: string; details?: string }[] } | undefined)?.messages ?? [];
  const texts = messages.map((m) => m.message ?? m.details).filter((t): t is string => typeof t === "string" && t !== "");
  return texts.length ? texts.join("; ") : undefined;
}

/**
 * Imports a project archive (from `exportProjectArchive`, or a file) on a design node: uploads
 * it (`prepareProjectImport`), then imports it with `settings` (`executeProjectImport`).
 * DSS reports a failed import in the reply rather than with an error status; that rejects
 * with {@link DssProjectImportError} carrying DSS's messages. `archive` is anything
 * `fileFrom` takes (in Node, `await fs.openAsBlob("CHURN.zip")` streams from disk).
 */
export async function importProjectArchive(
  client: DssClient,
  archive: FileSource,
  options: ImportProjectArchiveOptions = {},
): Promise<ProjectImportResult> {
  const { onProgress, signal } = options;
  const request: RequestOptions = { ...options.request, client, ...(signal ? { signal } : {}) };
  signal?.throwIfAborted();
  const file = await fileFrom(archive, "project-export.zip", "application/zip");
  onProgress?.("uploading", { loaded: 0, total: file.size });
  const { id } = await prepareProjectImport(
    { file },
    { ...request, ...(onProgress ? { onUploadProgress: (e: AxiosProgressEvent) => onProgress("uploading", progressOf(e)) } : {}) },
  );
  onProgress?.("importing");
  // DSS refuses an empty settings object; the official client sends a placeholder key then.
  const settings = options.settings && Object.keys(options.settings).length > 0 ? options.settings : { _: "_" };
  const result = await executeProjectImport(id, settings, request);
  if (result.success === false) {
    const detail = messageText(result);
    throw new DssProjectImportError(result, `DSS could not import the project archive${detail ? `: ${detail}` : ""}`);
  }
  return result;
}
