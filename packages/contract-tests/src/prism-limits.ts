// Operations Prism cannot judge, by service and operationId, each with the
// reason (a documented limit of Prism 5.14). The contract still calls them and
// still requires Prism to accept them; what it cannot show for these is that
// Prism would have refused a broken request. The test fails when this list and
// what the probe finds disagree, so the list stays short and true.
export const PRISM_CANNOT_JUDGE: Record<string, Record<string, string>> = {};
