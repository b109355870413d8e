;; Eigenlab NN-descent kernels, WebAssembly text (SIMD f64x2). Assembled by scripts/build-wasm.js into nndescent-wasm.ts.
;; Memory is imported (shared): the same memory as gemm's. Rows are d float64s, row r at $w + r·8d.
;;
;; Every sum over c < d runs in one canonical order, which nndescent.ts's TypeScript fallback repeats term for
;; term (so both paths give the same bits): four partial sums p0..p3, p_j over c ≡ j (mod 4) for c < d4 = d & ~3
;; (two f64x2 accumulators [p0, p1] and [p2, p3]), then s = (p0 + p2) + (p1 + p3), then the c ≥ d4 terms in order.
(module
  (import "env" "memory" (memory 1 32768 shared))

  ;; Σ_c (x_c − y_c)² over the rows at byte addresses $x and $y (canonical order).
  (func $sq (param $x i32) (param $y i32) (param $d i32) (result f64)
    (local $c i32) (local $d4 i32) (local $a0 v128) (local $a1 v128) (local $u v128) (local $s f64) (local $t f64)
    (local.set $d4 (i32.and (local.get $d) (i32.const -4)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $c) (local.get $d4)))
      (local.set $u (f64x2.sub (v128.load (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 3))))
                               (v128.load (i32.add (local.get $y) (i32.shl (local.get $c) (i32.const 3))))))
      (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $u) (local.get $u))))
      (local.set $u (f64x2.sub (v128.load offset=16 (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 3))))
                               (v128.load offset=16 (i32.add (local.get $y) (i32.shl (local.get $c) (i32.const 3))))))
      (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $u) (local.get $u))))
      (local.set $c (i32.add (local.get $c) (i32.const 4)))
      (br $l)))
    (local.set $a0 (f64x2.add (local.get $a0) (local.get $a1)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))
    (block $tdone (loop $tl
      (br_if $tdone (i32.ge_u (local.get $c) (local.get $d)))
      (local.set $t (f64.sub (f64.load (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 3))))
                             (f64.load (i32.add (local.get $y) (i32.shl (local.get $c) (i32.const 3))))))
      (local.set $s (f64.add (local.get $s) (f64.mul (local.get $t) (local.get $t))))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $tl)))
    (local.get $s))

  ;; Σ_c x_c·y_c over the rows at byte addresses $x and $y (canonical order).
  (func $dp (param $x i32) (param $y i32) (param $d i32) (result f64)
    (local $c i32) (local $d4 i32) (local $a0 v128) (local $a1 v128) (local $s f64)
    (local.set $d4 (i32.and (local.get $d) (i32.const -4)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $c) (local.get $d4)))
      (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 3))))
                                                           (v128.load (i32.add (local.get $y) (i32.shl (local.get $c) (i32.const 3)))))))
      (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 3))))
                                                           (v128.load offset=16 (i32.add (local.get $y) (i32.shl (local.get $c) (i32.const 3)))))))
      (local.set $c (i32.add (local.get $c) (i32.const 4)))
      (br $l)))
    (local.set $a0 (f64x2.add (local.get $a0) (local.get $a1)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))
    (block $tdone (loop $tl
      (br_if $tdone (i32.ge_u (local.get $c) (local.get $d)))
      (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 3))))
                                                     (f64.load (i32.add (local.get $y) (i32.shl (local.get $c) (i32.const 3)))))))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $tl)))
    (local.get $s))

  ;; The random-projection split of rows [lo, hi) of W: s = normal·row − offset (canonical order);
  ;; side[r] (a byte) = 1 when s > 0, 2 when s = 0 (the caller draws a side), 0 otherwise. Returns the 1s.
  (func (export "rowSides") (param $w i32) (param $d i32) (param $lo i32) (param $hi i32) (param $normal i32) (param $offset f64) (param $side i32) (result i32)
    (local $r i32) (local $row i32) (local $s f64) (local $count i32)
    (local.set $r (local.get $lo))
    (local.set $row (i32.add (local.get $w) (i32.mul (local.get $lo) (i32.shl (local.get $d) (i32.const 3)))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $r) (local.get $hi)))
      (local.set $s (f64.sub (call $dp (local.get $normal) (local.get $row) (local.get $d)) (local.get $offset)))
      (if (f64.gt (local.get $s) (f64.const 0))
        (then
          (i32.store8 (i32.add (local.get $side) (local.get $r)) (i32.const 1))
          (local.set $count (i32.add (local.get $count) (i32.const 1))))
        (else
          (i32.store8 (i32.add (local.get $side) (local.get $r)) (select (i32.const 2) (i32.const 0) (f64.eq (local.get $s) (f64.const 0))))))
      (local.set $row (i32.add (local.get $row) (i32.shl (local.get $d) (i32.const 3))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $l)))
    (local.get $count))

  ;; For the m rows of W listed at $list (i32 row numbers): out[a·m + b] = Σ (x_a − x_b)², or Σ x_a·x_b when
  ;; $dot ≠ 0 (canonical order), for every a < nA and a < b < m. The local join of NN-descent (nA new
  ;; candidates first, then the old ones: new–new and new–old pairs) and a leaf's all pairs (nA = m).
  (func (export "pairDists") (param $w i32) (param $d i32) (param $list i32) (param $nA i32) (param $m i32) (param $dot i32) (param $out i32)
    (local $a i32) (local $b i32) (local $x i32) (local $o i32) (local $rb i32)
    (local.set $rb (i32.shl (local.get $d) (i32.const 3)))
    (block $adone (loop $al
      (br_if $adone (i32.ge_u (local.get $a) (local.get $nA)))
      (local.set $x (i32.add (local.get $w) (i32.mul (i32.load (i32.add (local.get $list) (i32.shl (local.get $a) (i32.const 2)))) (local.get $rb))))
      (local.set $o (i32.add (local.get $out) (i32.shl (i32.mul (local.get $a) (local.get $m)) (i32.const 3))))
      (local.set $b (i32.add (local.get $a) (i32.const 1)))
      (block $bdone (loop $bl
        (br_if $bdone (i32.ge_u (local.get $b) (local.get $m)))
        (f64.store (i32.add (local.get $o) (i32.shl (local.get $b) (i32.const 3)))
          (if (result f64) (local.get $dot)
            (then (call $dp (local.get $x) (i32.add (local.get $w) (i32.mul (i32.load (i32.add (local.get $list) (i32.shl (local.get $b) (i32.const 2)))) (local.get $rb))) (local.get $d)))
            (else (call $sq (local.get $x) (i32.add (local.get $w) (i32.mul (i32.load (i32.add (local.get $list) (i32.shl (local.get $b) (i32.const 2)))) (local.get $rb))) (local.get $d)))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $bl)))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br $al)))
  )
)
