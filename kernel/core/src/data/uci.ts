/**
 * Three UCI tables that Debian's scikit-learn ships (python3-sklearn, /usr/lib/python3/dist-packages/
 * sklearn/datasets/data/), read through the CSV reader. Their first line is not a header but
 * `n_samples,n_features,class name 0,class name 1,...`; the rows are the features and the class code.
 * Column names are scikit-learn's `feature_names`. Node-only (reads the installed files; no network).
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { Matrix } from "../matrix";
import { checkOptions } from "../validate";
import { parseCsvFrom } from "../io/csv";
import { Table } from "../io/table";

/** A labelled UCI table. */
export interface UciDataset {
  /** n × d features. */
  X: Matrix;
  /** Class code of each row, 0..labelNames.length − 1 (scikit-learn's `target`). */
  labels: Int32Array;
  /** Name of each class code (scikit-learn's `target_names`). */
  labelNames: string[];
  /** Feature names, one per column of X (scikit-learn's `feature_names`). */
  columns: string[];
  /** The features plus a text column "class" holding each row's class name. */
  table: Table;
}

/** Where Debian's scikit-learn keeps its bundled data (EIGENLAB_SKLEARN_DATA overrides). */
const SKLEARN_DATA = process.env.EIGENLAB_SKLEARN_DATA ?? "/usr/lib/python3/dist-packages/sklearn/datasets/data";

function loadUci(file: string, columns: string[]): UciDataset {
  const path = join(SKLEARN_DATA, file);
  if (!existsSync(path)) throw new EigenlabError("missing-data", message.uciMissing(path));
  const text = readFileSync(path, "utf8");
  const nl = text.indexOf("\n");
  const first = text.slice(0, nl).trim().split(",");
  const n = Number(first[0]);
  const d = Number(first[1]);
  const labelNames = first.slice(2);
  // Keep line numbers in messages true to the file: the first line is replaced by an empty one.
  const body = parseCsvFrom("\n" + text.slice(nl + 1), { header: false }, path);
  if (body.nrows !== n || body.columns.length !== d + 1 || columns.length !== d) {
    throw new EigenlabError("missing-data", message.csvRagged(path, 1, body.columns.length, d + 1));
  }
  const X = body.toMatrix(body.columns.slice(0, d));
  const codes = body.column(String(d)) as Float64Array;
  const labels = Int32Array.from(codes);
  const cols: Record<string, Float64Array | string[]> = {};
  columns.forEach((c, j) => (cols[c] = body.column(String(j)) as Float64Array));
  cols.class = Array.from(labels, (k) => labelNames[k]);
  return { X, labels, labelNames, columns, table: new Table(cols) };
}

/**
 * Fisher's iris: 150 flowers × 4 measurements (cm), 3 species of 50. Source: R. A. Fisher (1936), UCI
 * Machine Learning Repository (donor M. Marshall, 1988), as corrected in scikit-learn (same as R's
 * `iris`, not the UCI file's two erroneous rows). License: the scikit-learn descriptor states none; the UCI
 * repository lists it under CC BY 4.0; the copy read here ships with scikit-learn (BSD-3-Clause).
 * Size: 150 × 4 (iris.csv, 2.7 KB).
 *
 * @example
 * ```ts
 * const iris = data.iris();
 * iris.X.shape; // => [150, 4]
 * iris.labelNames; // => ["setosa", "versicolor", "virginica"]
 * iris.X.row(0); // => [5.1, 3.5, 1.4, 0.2]
 * ```
 */
export function iris(opts: Record<string, never> = {}): UciDataset {
  checkOptions("data.iris", opts, {});
  return loadUci("iris.csv", ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]);
}

/**
 * Wine recognition: 178 wines × 13 chemical measurements, 3 cultivars (59, 71, 48). Source: M. Forina et
 * al., PARVUS (1988), UCI Machine Learning Repository (Lichman 2013). License: the scikit-learn descriptor
 * states none; the UCI repository lists it under CC BY 4.0; the copy read here ships with scikit-learn
 * (BSD-3-Clause). Size: 178 × 13 (wine_data.csv, 11 KB).
 *
 * @example
 * ```ts
 * const wine = data.wine();
 * wine.X.shape; // => [178, 13]
 * wine.X.get(0, 12); // => 1065
 * wine.columns[12]; // => "proline"
 * ```
 */
export function wine(opts: Record<string, never> = {}): UciDataset {
  checkOptions("data.wine", opts, {});
  return loadUci("wine_data.csv", [
    "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
    "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280/od315_of_diluted_wines", "proline",
  ]);
}

/**
 * Breast Cancer Wisconsin (Diagnostic): 569 tumours × 30 features of cell nuclei (mean, standard error and
 * worst of ten measurements), 212 malignant (code 0) and 357 benign (code 1). Source: W. H. Wolberg,
 * W. N. Street, O. L. Mangasarian (1995), UCI Machine Learning Repository. License: the scikit-learn
 * descriptor states none; the UCI repository lists it under CC BY 4.0; the copy read here ships with
 * scikit-learn (BSD-3-Clause). Size: 569 × 30 (breast_cancer.csv, 120 KB).
 *
 * @example
 * ```ts
 * const bc = data.breastCancer();
 * bc.X.shape; // => [569, 30]
 * bc.labelNames; // => ["malignant", "benign"]
 * bc.X.get(0, 0); // => 17.99
 * ```
 */
export function breastCancer(opts: Record<string, never> = {}): UciDataset {
  checkOptions("data.breastCancer", opts, {});
  const stats = ["radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity", "concave points", "symmetry", "fractal dimension"];
  return loadUci("breast_cancer.csv", [...stats.map((s) => `mean ${s}`), ...stats.map((s) => `${s} error`), ...stats.map((s) => `worst ${s}`)]);
}
