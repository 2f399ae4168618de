// What Prism 5.14 cannot judge, by service and operationId, each with the
// reason. The contract still calls these operations and still requires Prism
// to accept them. The test fails when a list and what the contract finds
// disagree, so the lists stay short and true.
import { deref, type OpenApiDocument, type Schema, type SpecOperation } from "@sciclients/test-utils";

/**
 * Operations whose deliberately broken call (src/probe.ts) Prism lets through:
 * Prism does not validate them at all. Found by the probe; none today (the
 * one it found, `adminJobManifestPut`, came from a spec pattern that is not a
 * valid Unicode-mode regular expression, which made Prism skip the body; the
 * spec is fixed).
 */
export const PRISM_CANNOT_JUDGE: Record<string, Record<string, string>> = {};

const FILE_PART =
  "multipart file part: Prism parses every part as text and does not check `format: binary`, so it sees that the part is there but not that it is a file (its name and bytes are checked by the client's MSW operation tests)";

/** Operations Prism judges except for one aspect, named in the reason. */
export const PRISM_PARTLY_JUDGES: Record<string, Record<string, string>> = {
  "data-manager": { uploadDataset: FILE_PART, addFileToProject: FILE_PART, createWorkflow: FILE_PART, updateWorkflow: FILE_PART },
  "account-server": { createAsset: FILE_PART, patchAsset: FILE_PART },
  dss: {
    uploadDatasetFile: FILE_PART,
    uploadManagedFolderFile: FILE_PART,
    prepareProjectImport: FILE_PART,
    importBundleFromStream: FILE_PART,
    createProjectFromBundleArchive: FILE_PART,
    installPluginFromArchive: FILE_PART,
    startInstallPluginFromArchive: FILE_PART,
  },
};

/** The operations of a spec whose multipart body has a binary part: those Prism judges only partly. */
export function operationsWithFileParts(doc: OpenApiDocument, operations: SpecOperation[]): string[] {
  return operations
    .filter((op) => {
      if (op.body?.mediaType !== "multipart/form-data") return false;
      const properties = (deref<Schema>(doc, op.body.schema).properties ?? {}) as Record<string, Schema>;
      return Object.values(properties).some((p) => {
        const prop = deref<Schema>(doc, p);
        return prop.format === "binary" || deref<Schema>(doc, prop.items ?? {}).format === "binary";
      });
    })
    .map((op) => op.operationId);
}
