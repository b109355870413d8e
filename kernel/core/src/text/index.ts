/** The `text` namespace: documents → tokens → TF-IDF sparse matrices (scikit-learn's TfidfVectorizer conventions). */
export { tokenize, tfidf } from "./tfidf";
export type { TokenizeOptions, TfidfOptions, TfidfWeighting, Tfidf } from "./tfidf";
export { ENGLISH_STOP_WORDS } from "./stop-words";
