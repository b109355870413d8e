/** The result of the point-cloud generators (blobs, moons, circles, swiss roll). */
import { Matrix } from "../matrix";

export interface PointCloud {
  /** One row per point. */
  X: Matrix;
  /** Ground-truth cluster of each point, where the generator defines one. */
  labels?: Int32Array;
  /** The intrinsic coordinate (position along the manifold), where the generator defines one. */
  t?: Float64Array;
}
