import { strict as assert } from "assert";
import { join } from "path";
import { data, EigenlabError } from "../src";
import { runPython } from "../../../test/util/peer";

describe("data.flower (image with a ground-truth mask)", function () {
  this.timeout(60_000);

  it("flower() is the 96 × 64 PPM as numpy reads it, and its mask is the documented ellipse", () => {
    const f = data.flower();
    assert.equal(f.width, 96);
    assert.equal(f.height, 64);
    assert.equal(f.rgb.length, 96 * 64 * 3);
    const peer = runPython(
      `raw = open(PPM, "rb").read()
head = raw.split(maxsplit=4)
w, h = int(head[1]), int(head[2])
img = np.frombuffer(raw[-w * h * 3:], dtype=np.uint8).reshape(h, w, 3)
yy, xx = np.mgrid[0:h, 0:w]
m = (((xx + 0.5 - CX) / RX) ** 2 + ((yy + 0.5 - CY) / RY) ** 2 <= 1).astype(np.int32)
out = {"header": [head[0].decode(), w, h, int(head[3])], "drgb": int(np.abs(img.astype(np.int32).ravel() - RGB).max()),
       "dmask": int(np.abs(m.ravel() - MASK).max())}`,
      {
        PPM: join(__dirname, "..", "data", "flower.ppm"),
        CX: f.ellipse.cx, CY: f.ellipse.cy, RX: f.ellipse.rx, RY: f.ellipse.ry,
        RGB: { shape: [f.rgb.length], data: Int32Array.from(f.rgb) },
        MASK: { shape: [f.mask.length], data: Int32Array.from(f.mask) },
      },
    );
    assert.deepEqual(peer.header, ["P6", 96, 64, 255]);
    assert.equal(peer.drgb, 0);
    assert.equal(peer.dmask, 0);
  });

  it("flower()'s mask covers the orange flower: area near π·rx·ry, orange inside, green-blue outside", () => {
    const f = data.flower();
    let inside = 0;
    const redMinusBlue = [0, 0]; // [outside, inside] sums of R − B
    for (let p = 0; p < f.mask.length; p++) {
      const m = f.mask[p];
      inside += m;
      redMinusBlue[m] += f.rgb[3 * p] - f.rgb[3 * p + 2];
    }
    const area = Math.PI * f.ellipse.rx * f.ellipse.ry;
    assert.ok(Math.abs(inside / area - 1) < 0.02, `mask area ${inside} vs ellipse area ${area.toFixed(1)}`);
    const meanIn = redMinusBlue[1] / inside;
    const meanOut = redMinusBlue[0] / (f.mask.length - inside);
    assert.ok(meanIn > 80, `mean R − B inside the mask ${meanIn.toFixed(1)} (orange petals)`);
    assert.ok(meanOut < 0, `mean R − B outside the mask ${meanOut.toFixed(1)} (dark green-blue leaves)`);
  });

  it("flower({ size: 2 }) rejects the unknown option", () => {
    assert.throws(() => data.flower({ size: 2 } as never), (e: unknown) => e instanceof EigenlabError && /size/.test((e as Error).message));
  });
});
