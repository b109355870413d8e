;; One-sided Jacobi sweep for the SVD (svd.ts), WebAssembly text with SIMD f64x2.
;; Columns are stored contiguously with an even stride (zero padded), so every loop runs on whole f64x2 pairs.
(module
  (import "env" "memory" (memory 1 32768 shared))

  ;; Σ a[i]·b[i] over len (even) doubles.
  (func $dot (param $a i32) (param $b i32) (param $len i32) (result f64)
    (local $end i32) (local $s0 v128) (local $s1 v128)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $len) (i32.const 3))))
    ;; two accumulators over 4 doubles per pass, then the 2-double remainder
    (block $d (loop $l
      (br_if $d (i32.gt_u (i32.add (local.get $a) (i32.const 32)) (local.get $end)))
      (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
      (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b)))))
      (local.set $a (i32.add (local.get $a) (i32.const 32)))
      (local.set $b (i32.add (local.get $b) (i32.const 32)))
      (br $l)))
    (if (i32.lt_u (local.get $a) (local.get $end)) (then
      (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))))
    (local.set $s0 (f64x2.add (local.get $s0) (local.get $s1)))
    (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))

  ;; (a, b) ← (c·a − s·b, s·a + c·b) over len (even) doubles.
  (func $rot (param $a i32) (param $b i32) (param $len i32) (param $c f64) (param $s f64)
    (local $end i32) (local $cv v128) (local $sv v128) (local $x v128) (local $y v128)
    (local.set $cv (f64x2.splat (local.get $c)))
    (local.set $sv (f64x2.splat (local.get $s)))
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $len) (i32.const 3))))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $a) (local.get $end)))
      (local.set $x (v128.load (local.get $a)))
      (local.set $y (v128.load (local.get $b)))
      (v128.store (local.get $a) (f64x2.sub (f64x2.mul (local.get $cv) (local.get $x)) (f64x2.mul (local.get $sv) (local.get $y))))
      (v128.store (local.get $b) (f64x2.add (f64x2.mul (local.get $sv) (local.get $x)) (f64x2.mul (local.get $cv) (local.get $y))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (br $l))))

  ;; One cyclic sweep over all pairs p < q of the $n columns of G (stride $gs doubles) and V (stride $vs),
  ;; with squared column norms at $norms. Rutishauser's rotation; pairs already orthogonal to
  ;; |γ| ≤ tol·sqrt(αβ) are skipped. Returns the number of rotations applied.
  (func (export "jacobiSweep") (param $g i32) (param $v i32) (param $norms i32) (param $n i32) (param $gs i32) (param $vs i32) (param $tol f64) (result i32)
    (local $p i32) (local $q i32) (local $rots i32) (local $alpha f64) (local $beta f64) (local $gamma f64)
    (local $zeta f64) (local $t f64) (local $c f64) (local $s f64) (local $gsb i32) (local $vsb i32)
    (local.set $gsb (i32.shl (local.get $gs) (i32.const 3)))
    (local.set $vsb (i32.shl (local.get $vs) (i32.const 3)))
    (block $pd (loop $pl
      (br_if $pd (i32.ge_u (i32.add (local.get $p) (i32.const 1)) (local.get $n)))
      (local.set $q (i32.add (local.get $p) (i32.const 1)))
      (block $qd (loop $ql
        (br_if $qd (i32.ge_u (local.get $q) (local.get $n)))
        (local.set $alpha (f64.load (i32.add (local.get $norms) (i32.shl (local.get $p) (i32.const 3)))))
        (local.set $beta (f64.load (i32.add (local.get $norms) (i32.shl (local.get $q) (i32.const 3)))))
        (if (i32.and (f64.gt (local.get $alpha) (f64.const 0)) (f64.gt (local.get $beta) (f64.const 0))) (then
          (local.set $gamma (call $dot
            (i32.add (local.get $g) (i32.mul (local.get $p) (local.get $gsb)))
            (i32.add (local.get $g) (i32.mul (local.get $q) (local.get $gsb)))
            (local.get $gs)))
          (if (f64.gt (f64.abs (local.get $gamma)) (f64.mul (local.get $tol) (f64.sqrt (f64.mul (local.get $alpha) (local.get $beta))))) (then
            (local.set $rots (i32.add (local.get $rots) (i32.const 1)))
            (local.set $zeta (f64.div (f64.sub (local.get $beta) (local.get $alpha)) (f64.mul (f64.const 2) (local.get $gamma))))
            (local.set $t (f64.div
              (select (f64.const 1) (f64.const -1) (f64.ge (local.get $zeta) (f64.const 0)))
              (f64.add (f64.abs (local.get $zeta)) (f64.sqrt (f64.add (f64.const 1) (f64.mul (local.get $zeta) (local.get $zeta)))))))
            (local.set $c (f64.div (f64.const 1) (f64.sqrt (f64.add (f64.const 1) (f64.mul (local.get $t) (local.get $t))))))
            (local.set $s (f64.mul (local.get $c) (local.get $t)))
            (call $rot
              (i32.add (local.get $g) (i32.mul (local.get $p) (local.get $gsb)))
              (i32.add (local.get $g) (i32.mul (local.get $q) (local.get $gsb)))
              (local.get $gs) (local.get $c) (local.get $s))
            (call $rot
              (i32.add (local.get $v) (i32.mul (local.get $p) (local.get $vsb)))
              (i32.add (local.get $v) (i32.mul (local.get $q) (local.get $vsb)))
              (local.get $vs) (local.get $c) (local.get $s))
            (f64.store (i32.add (local.get $norms) (i32.shl (local.get $p) (i32.const 3)))
              (f64.sub (local.get $alpha) (f64.mul (local.get $t) (local.get $gamma))))
            (f64.store (i32.add (local.get $norms) (i32.shl (local.get $q) (i32.const 3)))
              (f64.add (local.get $beta) (f64.mul (local.get $t) (local.get $gamma))))))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $ql)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $pl)))
    (local.get $rots))
)
