import type { ReactNode } from "react";

/** One box on the page: a service (or deployment) and where it is. */
export function Panel({ title, baseURL, children }: { title: string; baseURL: string; children: ReactNode }) {
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      <p className="base-url">{baseURL}</p>
      {children}
    </section>
  );
}

/** What a list shows while its query has no data: loading, or the error. */
export function QueryState({ error }: { error: Error | null }) {
  return error ? <p role="alert">{error.message}</p> : <p className="muted">Loading…</p>;
}
