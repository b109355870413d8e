// A Node-only module with no meaning in the browser kernel's worker (its callers check before use).
export default {};
