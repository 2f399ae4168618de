// Type-level parity with the official @squonk/account-server-client 4.4.0: for
// every operation, our parameters, request body and result are assignable both
// ways with theirs. The Account Server has no binary downloads, so nothing differs.
import type * as ours_actions from "@sciclients/account-server-client/actions";
import type * as ours_asset from "@sciclients/account-server-client/asset";
import type * as ours_charges from "@sciclients/account-server-client/charges";
import type * as ours_event_stream from "@sciclients/account-server-client/event-stream";
import type * as ours_merchant from "@sciclients/account-server-client/merchant";
import type * as ours_organisation from "@sciclients/account-server-client/organisation";
import type * as ours_product from "@sciclients/account-server-client/product";
import type * as ours_state from "@sciclients/account-server-client/state";
import type * as ours_unit from "@sciclients/account-server-client/unit";
import type * as ours_user from "@sciclients/account-server-client/user";
import type { ArgumentMismatches, MissingFunctions, NoneOf, ResultMismatches } from "@sciclients/test-utils";
import type * as theirs_actions from "@squonk/account-server-client/api/actions/actions";
import type * as theirs_asset from "@squonk/account-server-client/api/asset/asset";
import type * as theirs_charges from "@squonk/account-server-client/api/charges/charges";
import type * as theirs_event_stream from "@squonk/account-server-client/api/event-stream/event-stream";
import type * as theirs_merchant from "@squonk/account-server-client/api/merchant/merchant";
import type * as theirs_organisation from "@squonk/account-server-client/api/organisation/organisation";
import type * as theirs_product from "@squonk/account-server-client/api/product/product";
import type * as theirs_state from "@squonk/account-server-client/api/state/state";
import type * as theirs_unit from "@squonk/account-server-client/api/unit/unit";
import type * as theirs_user from "@squonk/account-server-client/api/user/user";
import { describe, expectTypeOf, it } from "vitest";
import type { operations } from "../src/generated/schema";

type Ours = typeof ours_actions &
  typeof ours_asset &
  typeof ours_charges &
  typeof ours_event_stream &
  typeof ours_merchant &
  typeof ours_organisation &
  typeof ours_product &
  typeof ours_state &
  typeof ours_unit &
  typeof ours_user;
type Theirs = typeof theirs_actions &
  typeof theirs_asset &
  typeof theirs_charges &
  typeof theirs_event_stream &
  typeof theirs_merchant &
  typeof theirs_organisation &
  typeof theirs_product &
  typeof theirs_state &
  typeof theirs_unit &
  typeof theirs_user;
type Ops = keyof operations;

describe("parity with @squonk/account-server-client 4.4.0", () => {
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

  it("returns the same types for every operation", () => {
    // A type error here names the operations whose results differ.
    const noResultDiffers: NoneOf<ResultMismatches<Ours, Theirs, Ops>> = true;
    expectTypeOf(noResultDiffers).toEqualTypeOf<true>();
  });
});
