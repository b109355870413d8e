;; Eigenlab kNN tile filter, WebAssembly text (SIMD f64x2). Assembled by scripts/build-wasm.js into knn-filter-wasm.ts.
;; Memory is imported (shared): the same memory gemm's packed operands and product tiles live in.
(module
  (import "env" "memory" (memory 1 32768 shared))

;; For a product tile G (ni rows, row stride $ld bytes, at $g) of x_i · y_j, the keys
;;   v = rowKey[a] + colKey[c] − 2·G[a, c]     (squared distance; rows/columns relative to the tile)
;; are compared with the admission limits of both points, limR[a] and limC[c]. Every (a, c) with
;; v ≤ limR[a] or v ≤ limC[c] is written out: its code a·65536 + c (i32) at $codes and v (f64) at $vals.
;; With $diag ≠ 0 only c > a is visited (the upper triangle of a diagonal tile). Returns the count.
;; The limits only shrink while the caller offers, so filtering with the ones at the start is safe (looser).
;; rowKey/colKey/limR/limC are byte addresses of f64 arrays. Evaluated in the same order as the
;; TypeScript expression (rowKey + colKey) − 2·G, so the keys are bit-identical to the scalar path.
  (func (export "tileFilter") (param $g i32) (param $ld i32) (param $ni i32) (param $nj i32)
      (param $rowKey i32) (param $colKey i32) (param $limR i32) (param $limC i32) (param $diag i32)
      (param $codes i32) (param $vals i32) (result i32)
    (local $a i32) (local $c i32) (local $count i32) (local $row i32)
    (local $si f64) (local $li f64) (local $v f64)
    (local $siv v128) (local $liv v128) (local $vv v128) (local $m v128) (local $two v128)
    (local.set $two (f64x2.splat (f64.const 2)))
    (block $adone (loop $al
      (br_if $adone (i32.ge_u (local.get $a) (local.get $ni)))
      (local.set $si (f64.load (i32.add (local.get $rowKey) (i32.shl (local.get $a) (i32.const 3)))))
      (local.set $li (f64.load (i32.add (local.get $limR) (i32.shl (local.get $a) (i32.const 3)))))
      (local.set $siv (f64x2.splat (local.get $si)))
      (local.set $liv (f64x2.splat (local.get $li)))
      (local.set $row (i32.add (local.get $g) (i32.mul (local.get $a) (local.get $ld))))
      (local.set $c (select (i32.add (local.get $a) (i32.const 1)) (i32.const 0) (local.get $diag)))
      ;; scalar steps until c is even (so pairs start aligned with the 16-byte tile columns)
      (block $sdone (loop $sl
        (br_if $sdone (i32.ge_u (local.get $c) (local.get $nj)))
        (br_if $sdone (i32.eqz (i32.and (local.get $c) (i32.const 1))))
        (local.set $v (f64.sub (f64.add (local.get $si) (f64.load (i32.add (local.get $colKey) (i32.shl (local.get $c) (i32.const 3)))))
                               (f64.mul (f64.const 2) (f64.load (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 3)))))))
        (if (i32.or (f64.le (local.get $v) (local.get $li))
                    (f64.le (local.get $v) (f64.load (i32.add (local.get $limC) (i32.shl (local.get $c) (i32.const 3))))))
          (then
            (i32.store (i32.add (local.get $codes) (i32.shl (local.get $count) (i32.const 2)))
                       (i32.add (i32.shl (local.get $a) (i32.const 16)) (local.get $c)))
            (f64.store (i32.add (local.get $vals) (i32.shl (local.get $count) (i32.const 3))) (local.get $v))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $sl)))
      ;; pairs
      (block $pdone (loop $pl
        (br_if $pdone (i32.gt_u (i32.add (local.get $c) (i32.const 2)) (local.get $nj)))
        (local.set $vv (f64x2.sub (f64x2.add (local.get $siv) (v128.load (i32.add (local.get $colKey) (i32.shl (local.get $c) (i32.const 3)))))
                                  (f64x2.mul (local.get $two) (v128.load (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 3)))))))
        (local.set $m (v128.or (f64x2.le (local.get $vv) (local.get $liv))
                               (f64x2.le (local.get $vv) (v128.load (i32.add (local.get $limC) (i32.shl (local.get $c) (i32.const 3)))))))
        (if (v128.any_true (local.get $m))
          (then
            (if (i64.ne (i64x2.extract_lane 0 (local.get $m)) (i64.const 0))
              (then
                (i32.store (i32.add (local.get $codes) (i32.shl (local.get $count) (i32.const 2)))
                           (i32.add (i32.shl (local.get $a) (i32.const 16)) (local.get $c)))
                (f64.store (i32.add (local.get $vals) (i32.shl (local.get $count) (i32.const 3))) (f64x2.extract_lane 0 (local.get $vv)))
                (local.set $count (i32.add (local.get $count) (i32.const 1)))))
            (if (i64.ne (i64x2.extract_lane 1 (local.get $m)) (i64.const 0))
              (then
                (i32.store (i32.add (local.get $codes) (i32.shl (local.get $count) (i32.const 2)))
                           (i32.add (i32.shl (local.get $a) (i32.const 16)) (i32.add (local.get $c) (i32.const 1))))
                (f64.store (i32.add (local.get $vals) (i32.shl (local.get $count) (i32.const 3))) (f64x2.extract_lane 1 (local.get $vv)))
                (local.set $count (i32.add (local.get $count) (i32.const 1)))))))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $pl)))
      ;; last odd column
      (if (i32.lt_u (local.get $c) (local.get $nj))
        (then
          (local.set $v (f64.sub (f64.add (local.get $si) (f64.load (i32.add (local.get $colKey) (i32.shl (local.get $c) (i32.const 3)))))
                                 (f64.mul (f64.const 2) (f64.load (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 3)))))))
          (if (i32.or (f64.le (local.get $v) (local.get $li))
                      (f64.le (local.get $v) (f64.load (i32.add (local.get $limC) (i32.shl (local.get $c) (i32.const 3))))))
            (then
              (i32.store (i32.add (local.get $codes) (i32.shl (local.get $count) (i32.const 2)))
                         (i32.add (i32.shl (local.get $a) (i32.const 16)) (local.get $c)))
              (f64.store (i32.add (local.get $vals) (i32.shl (local.get $count) (i32.const 3))) (local.get $v))
              (local.set $count (i32.add (local.get $count) (i32.const 1)))))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br $al)))
    (local.get $count)
  )
)
