;; Eigenlab dense kernels, WebAssembly text (SIMD f64x2). Assembled by scripts/build-wasm.js into gemm-wasm.ts.
;; Memory is imported (shared) so the JS side can grow it and worker threads can run the same code on it.
(module
  (import "env" "memory" (memory 1 32768 shared))

;; C[4×4 tile at $c, row stride $ldc bytes] += A(4×kc micro-panel at $a) · B(kc×4 micro-panel at $b).
;; Packed layouts: the B micro-panel stores, for each p, B[p, j..j+3] (32 bytes); the A micro-panel stores, for
;; each p, the 4 entries A[i..i+3, p] each DUPLICATED into both lanes (64 bytes), so every A operand is a plain
;; v128.load. (An f64x2.splat of a scalar load compiles to movsd + movddup in V8, and the shuffle competes with
;; the multiplies and adds for the FP pipes; duplicating A while packing costs O(m·k) once instead of a shuffle
;; per multiply-add pair.) The p loop is unrolled twice to halve V8's loop overhead (bound check of the loop
;; counter and the stack check at every back edge). 8 f64x2 accumulators + 2 B vectors + 1 A vector + 1
;; product temporary = 12 of the 15 SIMD registers V8 allocates on x86-64.
;; The k-order of the sums is unchanged (p ascending, one accumulator per entry), so results are bit-for-bit
;; those of the previous splat kernel.
  (func $micro (param $a i32) (param $b i32) (param $c i32) (param $kc i32) (param $ldc i32)
    (local $end i32) (local $b0 v128) (local $b1 v128) (local $x v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $end (i32.add (local.get $b) (i32.shl (local.get $kc) (i32.const 5))))
    (block $done (loop $p
      (br_if $done (i32.ge_u (local.get $b) (local.get $end)))
      (local.set $b0 (v128.load offset=0 (local.get $b)))
      (local.set $b1 (v128.load offset=16 (local.get $b)))
      (local.set $x (v128.load offset=0 (local.get $a)))
      (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $b1))))
      (local.set $x (v128.load offset=16 (local.get $a)))
      (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $b1))))
      (local.set $x (v128.load offset=32 (local.get $a)))
      (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $b1))))
      (local.set $x (v128.load offset=48 (local.get $a)))
      (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $b1))))
      (local.set $a (i32.add (local.get $a) (i32.const 64)))
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
;; A micro-panels are 64·kc bytes apart, B micro-panels 32·kc; C tile (ir, jr) at
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
          (i32.add (local.get $a) (i32.shl (i32.mul (local.get $ir) (local.get $stride)) (i32.const 1)))
          (i32.add (local.get $b) (i32.mul (local.get $jr) (local.get $stride)))
          (i32.add (local.get $c) (i32.add (i32.mul (i32.shl (local.get $ir) (i32.const 2)) (local.get $ldc))
                                           (i32.shl (local.get $jr) (i32.const 5))))
          (local.get $kc) (local.get $ldc))
        (local.set $ir (i32.add (local.get $ir) (i32.const 1)))
        (br $il)))
      (local.set $jr (i32.add (local.get $jr) (i32.const 1)))
      (br $jl)))
  )
;; The previous kernel, for operands packed once in the plain 4-value layout for both roles (packed-rows.ts:
;; the rows of X serve as the A and the B micro-panels of X·Xᵀ, so A cannot be stored duplicated there). Each
;; A value is splat from a scalar load. Same k-order as $micro, so the same bits.
  (func $microSplat (param $a i32) (param $b i32) (param $c i32) (param $kc i32) (param $ldc i32)
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

;; gemmBlock over $microSplat: A micro-panels 32·kc bytes apart (4 values per p).
  (func (export "gemmBlockSplat") (param $a i32) (param $b i32) (param $c i32) (param $kc i32) (param $mp i32)
      (param $jr0 i32) (param $jr1 i32) (param $ldc i32)
    (local $jr i32) (local $ir i32) (local $stride i32)
    (local.set $stride (i32.shl (local.get $kc) (i32.const 5)))
    (local.set $jr (local.get $jr0))
    (block $jdone (loop $jl
      (br_if $jdone (i32.ge_u (local.get $jr) (local.get $jr1)))
      (local.set $ir (i32.const 0))
      (block $idone (loop $il
        (br_if $idone (i32.ge_u (local.get $ir) (local.get $mp)))
        (call $microSplat
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
;; y[i] = Σ_{c<len} A[i, c]·x[c] for i < rows; A's rows start at $a, $ld bytes apart. Two rows per pass
;; share each load of x; f64x2 lanes, lane sums added at the end. Used by the tridiagonalization's
;; matrix–vector products (memory-bound, so SIMD loads matter more than flops).
  (func (export "rowDots") (param $a i32) (param $x i32) (param $y i32) (param $rows i32) (param $len i32) (param $ld i32)
    (local $i i32) (local $p i32) (local $q i32) (local $xp i32) (local $end i32) (local $tail i32)
    (local $s0 v128) (local $s1 v128) (local $xv v128) (local $t0 f64) (local $t1 f64)
    (local.set $tail (i32.and (local.get $len) (i32.const 1)))
    (block $done (loop $rows_loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $rows)))
      (local.set $p (local.get $a))
      (local.set $q (i32.add (local.get $a) (local.get $ld)))
      (local.set $xp (local.get $x))
      (local.set $end (i32.add (local.get $x) (i32.shl (i32.sub (local.get $len) (local.get $tail)) (i32.const 3))))
      (local.set $s0 (v128.const i64x2 0 0))
      (local.set $s1 (v128.const i64x2 0 0))
      (if (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $rows))
        (then
          (block $d2 (loop $l2
            (br_if $d2 (i32.ge_u (local.get $xp) (local.get $end)))
            (local.set $xv (v128.load (local.get $xp)))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load (local.get $p)) (local.get $xv))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (v128.load (local.get $q)) (local.get $xv))))
            (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $l2)))
          (local.set $t0 (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))
          (local.set $t1 (f64.add (f64x2.extract_lane 0 (local.get $s1)) (f64x2.extract_lane 1 (local.get $s1))))
          (if (local.get $tail) (then
            (local.set $t0 (f64.add (local.get $t0) (f64.mul (f64.load (local.get $p)) (f64.load (local.get $xp)))))
            (local.set $t1 (f64.add (local.get $t1) (f64.mul (f64.load (local.get $q)) (f64.load (local.get $xp)))))))
          (f64.store (local.get $y) (local.get $t0))
          (f64.store offset=8 (local.get $y) (local.get $t1))
          (local.set $i (i32.add (local.get $i) (i32.const 2)))
          (local.set $a (i32.add (local.get $a) (i32.shl (local.get $ld) (i32.const 1))))
          (local.set $y (i32.add (local.get $y) (i32.const 16))))
        (else
          (block $d1 (loop $l1
            (br_if $d1 (i32.ge_u (local.get $xp) (local.get $end)))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load (local.get $p)) (v128.load (local.get $xp)))))
            (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $l1)))
          (local.set $t0 (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))
          (if (local.get $tail) (then
            (local.set $t0 (f64.add (local.get $t0) (f64.mul (f64.load (local.get $p)) (f64.load (local.get $xp)))))))
          (f64.store (local.get $y) (local.get $t0))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))))
      (br $rows_loop)))
  )
;; y = S x for the symmetric len×len S of which only the upper triangle in memory is read: row r from its
;; diagonal on, S[r, c] (c ≥ r) at $a + r·$ld + 8c bytes. Each stored entry is used twice, in the dot product
;; of its row (y_r += S[r,c]·x_c) and in an axpy into the later entries (y_c += S[r,c]·x_r), as the reference
;; dsymv does for a packed triangle, so S is streamed from memory once at half the bytes of a full
;; matrix–vector product: the product is memory-bound (the tridiagonal reduction's A₂₂v, dsytrd/dlatrd).
;; Rows go in pairs that share the loads of x and y; f64x2 lanes, lane sums added at the end of a row pair.
  (func (export "symvUpper") (param $a i32) (param $x i32) (param $y i32) (param $len i32) (param $ld i32)
    (local $r i32) (local $p i32) (local $q i32) (local $xp i32) (local $yp i32) (local $end i32) (local $cnt i32)
    (local $s0 v128) (local $s1 v128) (local $xv v128) (local $a0 v128) (local $a1 v128) (local $xr v128) (local $xr1 v128)
    (local $u f64) (local $x0 f64) (local $x1 f64) (local $t0 f64) (local $t1 f64) (local $yr i32)
    ;; y = 0
    (local.set $yp (local.get $y))
    (local.set $end (i32.add (local.get $y) (i32.shl (local.get $len) (i32.const 3))))
    (block $zd (loop $zl
      (br_if $zd (i32.ge_u (local.get $yp) (local.get $end)))
      (f64.store (local.get $yp) (f64.const 0))
      (local.set $yp (i32.add (local.get $yp) (i32.const 8)))
      (br $zl)))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $r) (local.get $len)))
      ;; $p: &S[r, r]; $yr: &y[r]
      (local.set $p (i32.add (local.get $a) (i32.add (i32.mul (local.get $r) (local.get $ld)) (i32.shl (local.get $r) (i32.const 3)))))
      (local.set $yr (i32.add (local.get $y) (i32.shl (local.get $r) (i32.const 3))))
      (local.set $x0 (f64.load (i32.add (local.get $x) (i32.shl (local.get $r) (i32.const 3)))))
      (if (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $len))
        (then
          ;; rows r, r+1: the 2×2 diagonal block, then columns c ≥ r+2 of both rows
          (local.set $q (i32.add (local.get $p) (i32.add (local.get $ld) (i32.const 8)))) ;; &S[r+1, r+1]
          (local.set $x1 (f64.load offset=8 (i32.add (local.get $x) (i32.shl (local.get $r) (i32.const 3)))))
          (local.set $u (f64.load offset=8 (local.get $p))) ;; S[r, r+1]
          (local.set $t0 (f64.add (f64.mul (f64.load (local.get $p)) (local.get $x0)) (f64.mul (local.get $u) (local.get $x1))))
          (local.set $t1 (f64.add (f64.mul (local.get $u) (local.get $x0)) (f64.mul (f64.load (local.get $q)) (local.get $x1))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (local.set $q (i32.add (local.get $q) (i32.const 8)))
          (local.set $xp (i32.add (local.get $x) (i32.shl (i32.add (local.get $r) (i32.const 2)) (i32.const 3))))
          (local.set $yp (i32.add (local.get $yr) (i32.const 16)))
          (local.set $cnt (i32.sub (local.get $len) (i32.add (local.get $r) (i32.const 2))))
          (local.set $end (i32.add (local.get $xp) (i32.shl (i32.and (local.get $cnt) (i32.const -2)) (i32.const 3))))
          (local.set $xr (f64x2.splat (local.get $x0)))
          (local.set $xr1 (f64x2.splat (local.get $x1)))
          (local.set $s0 (v128.const i64x2 0 0))
          (local.set $s1 (v128.const i64x2 0 0))
          (block $d2 (loop $l2
            (br_if $d2 (i32.ge_u (local.get $xp) (local.get $end)))
            (local.set $xv (v128.load (local.get $xp)))
            (local.set $a0 (v128.load (local.get $p)))
            (local.set $a1 (v128.load (local.get $q)))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $a0) (local.get $xv))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $a1) (local.get $xv))))
            (v128.store (local.get $yp) (f64x2.add (v128.load (local.get $yp))
              (f64x2.add (f64x2.mul (local.get $a0) (local.get $xr)) (f64x2.mul (local.get $a1) (local.get $xr1)))))
            (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
            (local.set $yp (i32.add (local.get $yp) (i32.const 16)))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $l2)))
          (local.set $t0 (f64.add (local.get $t0) (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0)))))
          (local.set $t1 (f64.add (local.get $t1) (f64.add (f64x2.extract_lane 0 (local.get $s1)) (f64x2.extract_lane 1 (local.get $s1)))))
          (if (i32.and (local.get $cnt) (i32.const 1)) (then
            (local.set $t0 (f64.add (local.get $t0) (f64.mul (f64.load (local.get $p)) (f64.load (local.get $xp)))))
            (local.set $t1 (f64.add (local.get $t1) (f64.mul (f64.load (local.get $q)) (f64.load (local.get $xp)))))
            (f64.store (local.get $yp) (f64.add (f64.load (local.get $yp))
              (f64.add (f64.mul (f64.load (local.get $p)) (local.get $x0)) (f64.mul (f64.load (local.get $q)) (local.get $x1)))))))
          (f64.store (local.get $yr) (f64.add (f64.load (local.get $yr)) (local.get $t0)))
          (f64.store offset=8 (local.get $yr) (f64.add (f64.load offset=8 (local.get $yr)) (local.get $t1)))
          (local.set $r (i32.add (local.get $r) (i32.const 2))))
        (else
          ;; the last row alone (odd len): its diagonal entry only
          (f64.store (local.get $yr) (f64.add (f64.load (local.get $yr)) (f64.mul (f64.load (local.get $p)) (local.get $x0))))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))))
      (br $rows)))
  )
)
