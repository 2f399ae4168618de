/** Query parameters whose values are credentials in the services we cover. */
const SECRET_PARAMS =
  /^(token|access_token|refresh_token|id_token|api_?key|apikey|key|password|secret|client_secret|code|ticket|signature|x-amz-signature|x-amz-credential|x-amz-security-token|sig)$/i;

/** Hides user info and credential query values in a URL, for errors and logs. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw
      .replace(/(\/tokens?\/)[^/?#]+/gi, "$1REDACTED")
      .replace(/([?&][^=&#]*(?:token|key|password|secret|signature)[^=&#]*=)[^&#]*/gi, "$1REDACTED");
  }
  if (url.username || url.password) {
    url.username = url.username ? "REDACTED" : "";
    url.password = "";
  }
  // Path segments that follow a `token` segment are tokens themselves
  // (Squonk2: DELETE /instance/{id}/token/{token}).
  url.pathname = url.pathname.replace(/(\/tokens?\/)[^/]+/gi, "$1REDACTED");
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAMS.test(name)) url.searchParams.set(name, "REDACTED");
  }
  return url.toString();
}
