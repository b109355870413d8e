;; Eigenlab vector-block kernel, WebAssembly text (SIMD f64x2). Assembled by scripts/build-wasm.js into vector-block-wasm.ts.
;; Memory is imported (shared), the same memory as gemm's.
(module
  (import "env" "memory" (memory 1 32768 shared))

;; w[r] −= Σ_{i<count} h[i]·V_i[r] for r < n, the vectors V_i contiguous ($ld bytes apart from $v); the second
;; half of a classical Gram–Schmidt pass (Lanczos reorthogonalization). Four vectors per pass over w, two
;; rows per f64x2 lane pair, so w is read and written once per four vectors (memory-bound: loads dominate).
  (func (export "subCombination") (param $w i32) (param $v i32) (param $h i32) (param $count i32) (param $n i32) (param $ld i32)
    (local $i i32) (local $r i32) (local $pairs i32) (local $end i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $wp i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $acc v128)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64)
    (local.set $pairs (i32.and (local.get $n) (i32.const -2)))
    ;; blocks of four vectors
    (block $qdone (loop $ql
      (br_if $qdone (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $count)))
      (local.set $s0 (f64.load (i32.add (local.get $h) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $s1 (f64.load offset=8 (i32.add (local.get $h) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $s2 (f64.load offset=16 (i32.add (local.get $h) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $s3 (f64.load offset=24 (i32.add (local.get $h) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $a0 (f64x2.splat (local.get $s0)))
      (local.set $a1 (f64x2.splat (local.get $s1)))
      (local.set $a2 (f64x2.splat (local.get $s2)))
      (local.set $a3 (f64x2.splat (local.get $s3)))
      (local.set $p0 (i32.add (local.get $v) (i32.mul (local.get $i) (local.get $ld))))
      (local.set $p1 (i32.add (local.get $p0) (local.get $ld)))
      (local.set $p2 (i32.add (local.get $p1) (local.get $ld)))
      (local.set $p3 (i32.add (local.get $p2) (local.get $ld)))
      (local.set $wp (local.get $w))
      (local.set $end (i32.add (local.get $w) (i32.shl (local.get $pairs) (i32.const 3))))
      (block $rdone (loop $rl
        (br_if $rdone (i32.ge_u (local.get $wp) (local.get $end)))
        (local.set $acc (f64x2.add
          (f64x2.add (f64x2.mul (local.get $a0) (v128.load (local.get $p0))) (f64x2.mul (local.get $a1) (v128.load (local.get $p1))))
          (f64x2.add (f64x2.mul (local.get $a2) (v128.load (local.get $p2))) (f64x2.mul (local.get $a3) (v128.load (local.get $p3))))))
        (v128.store (local.get $wp) (f64x2.sub (v128.load (local.get $wp)) (local.get $acc)))
        (local.set $wp (i32.add (local.get $wp) (i32.const 16)))
        (local.set $p0 (i32.add (local.get $p0) (i32.const 16)))
        (local.set $p1 (i32.add (local.get $p1) (i32.const 16)))
        (local.set $p2 (i32.add (local.get $p2) (i32.const 16)))
        (local.set $p3 (i32.add (local.get $p3) (i32.const 16)))
        (br $rl)))
      (if (i32.ne (local.get $pairs) (local.get $n))
        (then
          (f64.store (local.get $wp) (f64.sub (f64.load (local.get $wp))
            (f64.add (f64.add (f64.mul (local.get $s0) (f64.load (local.get $p0))) (f64.mul (local.get $s1) (f64.load (local.get $p1))))
                     (f64.add (f64.mul (local.get $s2) (f64.load (local.get $p2))) (f64.mul (local.get $s3) (f64.load (local.get $p3)))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $ql)))
    ;; remaining vectors one at a time
    (block $odone (loop $ol
      (br_if $odone (i32.ge_u (local.get $i) (local.get $count)))
      (local.set $s0 (f64.load (i32.add (local.get $h) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $a0 (f64x2.splat (local.get $s0)))
      (local.set $p0 (i32.add (local.get $v) (i32.mul (local.get $i) (local.get $ld))))
      (local.set $wp (local.get $w))
      (local.set $end (i32.add (local.get $w) (i32.shl (local.get $pairs) (i32.const 3))))
      (block $r1done (loop $r1l
        (br_if $r1done (i32.ge_u (local.get $wp) (local.get $end)))
        (v128.store (local.get $wp) (f64x2.sub (v128.load (local.get $wp)) (f64x2.mul (local.get $a0) (v128.load (local.get $p0)))))
        (local.set $wp (i32.add (local.get $wp) (i32.const 16)))
        (local.set $p0 (i32.add (local.get $p0) (i32.const 16)))
        (br $r1l)))
      (if (i32.ne (local.get $pairs) (local.get $n))
        (then (f64.store (local.get $wp) (f64.sub (f64.load (local.get $wp)) (f64.mul (local.get $s0) (f64.load (local.get $p0)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $ol)))
  )
)
