// No modulepreload polyfill (it needs a document), so the test can run the bundle in Node.
export default { build: { modulePreload: { polyfill: false } } };
