/**
 * Frame times of a view driven from inside the page: one input event per animation frame (so every frame
 * redraws), the requestAnimationFrame timestamps giving each frame's length. The events are data (built in
 * the page), so the lab and 3-D benches share one driver.
 */
import type { Locator } from "playwright-core";

/** One input event, positioned relative to the canvas centre (CSS pixels). */
export interface InputStep {
  kind: "pointer" | "mouse" | "wheel";
  /** e.g. "pointerdown", "mousemove", "wheel". */
  type: string;
  dx: number;
  dy: number;
  deltaY?: number;
  /** Dispatch on window instead of the canvas (regl-scatterplot follows mouse moves on window). */
  onWindow?: boolean;
}

/** A circular drag of `moves` events (120 × 60 px loop) between a press and a release at the centre. */
export function circularDrag(kind: "pointer" | "mouse", moves: number): InputStep[] {
  const steps: InputStep[] = [{ kind, type: `${kind}down`, dx: 0, dy: 0 }];
  for (let i = 1; i <= moves; i++) {
    const a = (2 * Math.PI * i) / moves;
    steps.push({ kind, type: `${kind}move`, dx: 120 * Math.sin(a), dy: 60 * (1 - Math.cos(a)), onWindow: kind === "mouse" });
  }
  steps.push({ kind, type: `${kind}up`, dx: 0, dy: 0, onWindow: kind === "mouse" });
  return steps;
}

/**
 * Dispatches `steps` on the canvas, one per animation frame, and returns the frame lengths in seconds
 * (`deltas[k]` is the frame that drew the event of step k; one more frame follows the last) and, when
 * `snapshotAt` is given, the canvas as a PNG data URL two frames after that step (to tell that the view moved
 * when the steps return it to where it started).
 */
export async function driveFrames(canvas: Locator, steps: InputStep[], snapshotAt = -1): Promise<{ deltas: number[]; snapshot: string }> {
  const { times, snapshot } = await canvas.evaluate(async (node, [queue, at]) => {
    const c = node as HTMLCanvasElement;
    const r = c.getBoundingClientRect();
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    const make = (s: (typeof queue)[number]): Event => {
      const init = { clientX: cx + s.dx, clientY: cy + s.dy, button: 0, buttons: s.type.endsWith("up") ? 0 : 1, bubbles: true, cancelable: true };
      if (s.kind === "wheel") return new WheelEvent("wheel", { ...init, deltaY: s.deltaY ?? 0 });
      if (s.kind === "pointer") return new PointerEvent(s.type, { ...init, pointerId: 1, isPrimary: true });
      return new MouseEvent(s.type, init);
    };
    const out: number[] = [];
    let shot = "";
    await new Promise<void>((done) => {
      const tick = (t: number) => {
        out.push(t);
        if (out.length === at + 3) shot = c.toDataURL("image/png");
        const step = queue.shift();
        if (step) (step.onWindow ? window : c).dispatchEvent(make(step));
        if (step || out.length < 2) requestAnimationFrame(tick);
        else requestAnimationFrame((t2) => (out.push(t2), done()));
      };
      requestAnimationFrame(tick);
    });
    return { times: out, snapshot: shot };
  }, [steps, snapshotAt] as const);
  return { deltas: times.slice(1).map((t, i) => (t - times[i]) / 1000), snapshot };
}
