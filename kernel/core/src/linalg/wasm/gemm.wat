;; Eigenlab dense kernels, WebAssembly text (SIMD f64x2). Assembled by scripts/build-wasm.js into gemm-wasm.ts.
;; Memory is imported (shared) so the JS side can grow it and worker threads can run the same code on it.
(module
  (import "env" "memory" (memory 1 32768 shared))

;; C[4×4 tile at $c, row stride $ldc bytes] += A(4×kc micro-panel at $a) · B(kc×4 micro-panel at $b).
;; Packed layouts: A micro-panel stores, for each p, the 4 entries A[i..i+3, p]; B micro-panel stores B[p, j..j+3].
;; 8 f64x2 accumulators + 2 B vectors + 1 broadcast A value = 11 of the 16 SIMD registers on x86-64.
  (func $micro (param $a i32) (param $b i32) (param $c i32) (param $kc i32) (param $ldc i32)
    (local $end i32) (local $b0 v128) (local $b1 v128) (local $x v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $end (i32.add (local.get $b) (i32.shl (local.get $kc) (i32.const 5))))
    (block $done (loop $p
      (br_if $done (i32.ge_u (local.get $b) (local.get $end)))
      (local.set $b0 (v128.load (local.get $b)))
      (local.set $b1 (v128.load offset=16 (local.get $b)))
      (local.set $x (f64x2.splat (f64.load offset=0 (local.get $a))))
      (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $b1))))
      (local.set $x (f64x2.splat (f64.load offset=8 (local.get $a))))
      (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $b1))))
      (local.set $x (f64x2.splat (f64.load offset=16 (local.get $a))))
      (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $b1))))
      (local.set $x (f64x2.splat (f64.load offset=24 (local.get $a))))
      (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $b1))))
      (local.set $a (i32.add (local.get $a) (i32.const 32)))
      (local.set $b (i32.add (local.get $b) (i32.const 32)))
      (br $p)))
    (v128.store offset=0 (local.get $c) (f64x2.add (v128.load offset=0 (local.get $c)) (local.get $c00)))
    (v128.store offset=16 (local.get $c) (f64x2.add (v128.load offset=16 (local.get $c)) (local.get $c01)))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store offset=0 (local.get $c) (f64x2.add (v128.load offset=0 (local.get $c)) (local.get $c10)))
    (v128.store offset=16 (local.get $c) (f64x2.add (v128.load offset=16 (local.get $c)) (local.get $c11)))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store offset=0 (local.get $c) (f64x2.add (v128.load offset=0 (local.get $c)) (local.get $c20)))
    (v128.store offset=16 (local.get $c) (f64x2.add (v128.load offset=16 (local.get $c)) (local.get $c21)))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store offset=0 (local.get $c) (f64x2.add (v128.load offset=0 (local.get $c)) (local.get $c30)))
    (v128.store offset=16 (local.get $c) (f64x2.add (v128.load offset=16 (local.get $c)) (local.get $c31)))
  )

;; All tiles of one packed block: column micro-panels [jr0, jr1) of B × row micro-panels [0, mp) of A.
;; $astride / $bstride: bytes between consecutive micro-panels (32·kc each); C tile (ir, jr) at
;; $c + ir·4·$ldc + jr·32. A thread owns a range of column panels, so every C entry is summed in one order.
  (func (export "gemmBlock") (param $a i32) (param $b i32) (param $c i32) (param $kc i32) (param $mp i32)
      (param $jr0 i32) (param $jr1 i32) (param $ldc i32)
    (local $jr i32) (local $ir i32) (local $stride i32)
    (local.set $stride (i32.shl (local.get $kc) (i32.const 5)))
    (local.set $jr (local.get $jr0))
    (block $jdone (loop $jl
      (br_if $jdone (i32.ge_u (local.get $jr) (local.get $jr1)))
      (local.set $ir (i32.const 0))
      (block $idone (loop $il
        (br_if $idone (i32.ge_u (local.get $ir) (local.get $mp)))
        (call $micro
          (i32.add (local.get $a) (i32.mul (local.get $ir) (local.get $stride)))
          (i32.add (local.get $b) (i32.mul (local.get $jr) (local.get $stride)))
          (i32.add (local.get $c) (i32.add (i32.mul (i32.shl (local.get $ir) (i32.const 2)) (local.get $ldc))
                                           (i32.shl (local.get $jr) (i32.const 5))))
          (local.get $kc) (local.get $ldc))
        (local.set $ir (i32.add (local.get $ir) (i32.const 1)))
        (br $il)))
      (local.set $jr (i32.add (local.get $jr) (i32.const 1)))
      (br $jl)))
  )
)
