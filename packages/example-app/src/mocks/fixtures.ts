// The data the mocked deployments answer with: fixed values, different for
// each deployment, so the page (and its end-to-end test) can tell them apart.
import type { OrganisationAllDetail } from "@sciclients/account-server-client";
import type { ProjectDetail } from "@sciclients/data-manager-client";
import type { DatasetEntry } from "@sciclients/dserver-client";
import type { DssProjectSummary } from "@sciclients/dss-client";

const CREATED = "2025-03-01T09:30:00Z";

export function dataManagerProject(site: string, index: number, name: string, creator: string): ProjectDetail {
  return {
    project_id: `project-${site}-${String(index).padStart(4, "0")}`,
    name,
    creator,
    created: CREATED,
    private: false,
    administrators: [creator],
    editors: [creator],
    observers: [],
    size: 0,
  };
}

/** The projects each Data Manager deployment starts with, by site. */
export const DATA_MANAGER_PROJECTS: Record<"a" | "b", ProjectDetail[]> = {
  a: [dataManagerProject("a", 1, "Kinase inhibitor screen", "alice"), dataManagerProject("a", 2, "Fragment library", "alice")],
  b: [
    dataManagerProject("b", 1, "Solubility panel", "bob"),
    dataManagerProject("b", 2, "Docking campaign", "bob"),
    dataManagerProject("b", 3, "Assay QC", "carol"),
  ],
};

function organisation(id: string, name: string): OrganisationAllDetail {
  return { id, name, caller_is_member: true, private: false, created: CREATED, default_product_privacy: "ALWAYS_PUBLIC", users: [] };
}

export const ORGANISATIONS: OrganisationAllDetail[] = [
  organisation("org-00000000-0000-0000-0000-000000000001", "Default"),
  organisation("org-00000000-0000-0000-0000-000000000002", "Structural Biology Lab"),
];

export const DSS_PROJECTS: DssProjectSummary[] = [
  { projectKey: "CHURN", name: "Customer churn", ownerLogin: "dana" },
  { projectKey: "YIELD", name: "Reaction yield model", ownerLogin: "erin" },
];

/** Enough datasets for three pages of five. */
export const DSERVER_DATASETS: DatasetEntry[] = Array.from({ length: 12 }, (_, i) => {
  const n = String(i + 1).padStart(2, "0");
  return {
    base_uri: "s3://sciclients-demo",
    uri: `s3://sciclients-demo/1b2c3d4e-0000-4000-8000-0000000000${n}`,
    uuid: `1b2c3d4e-0000-4000-8000-0000000000${n}`,
    name: `microscopy-run-${n}`,
    creator_username: "frank",
    created_at: 1_740_000_000 + i * 86_400,
    frozen_at: 1_740_000_000 + i * 86_400 + 3_600,
  };
});
