// Type-level parity with the official @squonk/data-manager-client 5.0.1: for
// every operation, our parameters, request body and result are assignable both
// ways with theirs. Only the differences listed in `Deliberate` are allowed.
import type * as ours_accounting from "@sciclients/data-manager-client/accounting";
import type * as ours_admin from "@sciclients/data-manager-client/admin";
import type * as ours_application from "@sciclients/data-manager-client/application";
import type * as ours_configuration from "@sciclients/data-manager-client/configuration";
import type * as ours_dataset from "@sciclients/data-manager-client/dataset";
import type * as ours_digest from "@sciclients/data-manager-client/digest";
import type * as ours_file_and_path from "@sciclients/data-manager-client/file-and-path";
import type * as ours_instance from "@sciclients/data-manager-client/instance";
import type * as ours_inventory from "@sciclients/data-manager-client/inventory";
import type * as ours_job from "@sciclients/data-manager-client/job";
import type * as ours_metadata from "@sciclients/data-manager-client/metadata";
import type * as ours_project from "@sciclients/data-manager-client/project";
import type * as ours_task from "@sciclients/data-manager-client/task";
import type * as ours_type from "@sciclients/data-manager-client/type";
import type * as ours_user from "@sciclients/data-manager-client/user";
import type * as ours_workflow from "@sciclients/data-manager-client/workflow";
import type { ArgumentMismatches, MissingFunctions, MutuallyAssignable, NoneOf, Result, ResultMismatches } from "@sciclients/test-utils";
import type * as theirs_accounting from "@squonk/data-manager-client/api/accounting/accounting";
import type * as theirs_admin from "@squonk/data-manager-client/api/admin/admin";
import type * as theirs_application from "@squonk/data-manager-client/api/application/application";
import type * as theirs_configuration from "@squonk/data-manager-client/api/configuration/configuration";
import type * as theirs_dataset from "@squonk/data-manager-client/api/dataset/dataset";
import type * as theirs_digest from "@squonk/data-manager-client/api/digest/digest";
import type * as theirs_file_and_path from "@squonk/data-manager-client/api/file-and-path/file-and-path";
import type * as theirs_instance from "@squonk/data-manager-client/api/instance/instance";
import type * as theirs_inventory from "@squonk/data-manager-client/api/inventory/inventory";
import type * as theirs_job from "@squonk/data-manager-client/api/job/job";
import type * as theirs_metadata from "@squonk/data-manager-client/api/metadata/metadata";
import type * as theirs_project from "@squonk/data-manager-client/api/project/project";
import type * as theirs_task from "@squonk/data-manager-client/api/task/task";
import type * as theirs_type from "@squonk/data-manager-client/api/type/type";
import type * as theirs_user from "@squonk/data-manager-client/api/user/user";
import type * as theirs_workflow from "@squonk/data-manager-client/api/workflow/workflow";
import { describe, expectTypeOf, it } from "vitest";
import type { operations } from "../src/generated/schema";

type Ours = typeof ours_accounting &
  typeof ours_admin &
  typeof ours_application &
  typeof ours_configuration &
  typeof ours_dataset &
  typeof ours_digest &
  typeof ours_file_and_path &
  typeof ours_instance &
  typeof ours_inventory &
  typeof ours_job &
  typeof ours_metadata &
  typeof ours_project &
  typeof ours_task &
  typeof ours_type &
  typeof ours_user &
  typeof ours_workflow;
type Theirs = typeof theirs_accounting &
  typeof theirs_admin &
  typeof theirs_application &
  typeof theirs_configuration &
  typeof theirs_dataset &
  typeof theirs_digest &
  typeof theirs_file_and_path &
  typeof theirs_instance &
  typeof theirs_inventory &
  typeof theirs_job &
  typeof theirs_metadata &
  typeof theirs_project &
  typeof theirs_task &
  typeof theirs_type &
  typeof theirs_user &
  typeof theirs_workflow;
type Ops = keyof operations;

/** Where we differ on purpose, and why. */
type Deliberate = {
  downloadDataset: "the dataset's bytes (Blob in browsers, Buffer in Node); the official client types them as void";
  downloadFile: "the file's bytes; the official client types them as void";
  getProjectFile: "the file's bytes; the official client types them as void";
  getProjectFileWithToken: "the file's bytes; the official client types them as void";
};

describe("parity with @squonk/data-manager-client 5.0.1", () => {
  it("has a function for every operation of the spec, as the official client does", () => {
    const oursCoverEveryOperation: NoneOf<MissingFunctions<Ours, Ops>> = true;
    const theirsCoverEveryOperation: NoneOf<MissingFunctions<Theirs, Ops>> = true;
    expectTypeOf(oursCoverEveryOperation).toEqualTypeOf<true>();
    expectTypeOf(theirsCoverEveryOperation).toEqualTypeOf<true>();
  });

  it("takes the same path parameters, query parameters and bodies for every operation", () => {
    // A type error here names the operations whose arguments differ.
    const noArgumentDiffers: NoneOf<ArgumentMismatches<Ours, Theirs, Ops>> = true;
    expectTypeOf(noArgumentDiffers).toEqualTypeOf<true>();
  });

  it("returns the same types for every operation except the deliberate differences", () => {
    // A type error here names the operations whose results differ.
    const noResultDiffers: NoneOf<ResultMismatches<Ours, Theirs, Exclude<Ops, keyof Deliberate>>> = true;
    expectTypeOf(noResultDiffers).toEqualTypeOf<true>();
  });

  it("differs only where it says so: downloads are bytes, not void", () => {
    expectTypeOf<ResultMismatches<Ours, Theirs, keyof Deliberate>>().toEqualTypeOf<keyof Deliberate>();
    expectTypeOf<Result<Ours["downloadDataset"]>>().toEqualTypeOf<Blob | Uint8Array>();
    expectTypeOf<MutuallyAssignable<Result<Theirs["downloadDataset"]>, void>>().toEqualTypeOf<true>();
  });
});
