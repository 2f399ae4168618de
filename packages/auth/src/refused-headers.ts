// Whether a refused request carried a given credential: what tells a refusal of
// the current token from one of a token since replaced. Only the code loaded
// on first use (token-keeper.ts, static-refusals.ts) asks, so this module is
// imported by nothing the package's entries reach.

/** True when any of the (refused) headers carries the given credential. */
export function headersCarry(headers: Record<string, string> | undefined, credential: string | undefined): boolean {
  if (!headers || !credential) return false;
  return Object.values(headers).some((value) => typeof value === "string" && value.includes(credential));
}
