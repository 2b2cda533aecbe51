/**
 * Calls that arrive together go to Postgres as one statement (ADR 014). A call joins the batch
 * still being collected, never one already sent, so its statement reaches Postgres after the
 * call was made, as a query of its own would; only the round trip is shared.
 *
 * A batch is collected until the event loop's check phase (setImmediate): under load that is
 * every request whose bytes arrived in the same poll; an idle server sends each call alone.
 * `run` gets the inputs in call order and must answer one output per input, in that order. A
 * failed batch fails each of its calls.
 */
import "server-only";

export const MAX_BATCH = 64;

interface Waiter<In, Out> {
  input: In;
  resolve: (output: Out) => void;
  reject: (error: unknown) => void;
}

export function batchedCalls<In, Out>(
  run: (inputs: In[]) => Promise<Out[]>,
): (input: In) => Promise<Out> {
  let collecting: Waiter<In, Out>[] = [];
  let scheduled = false;

  const send = () => {
    const batch = collecting;
    collecting = [];
    if (batch.length === 0) return;
    run(batch.map((w) => w.input)).then(
      (outputs) => {
        if (outputs.length !== batch.length) {
          const error = new Error(`batch of ${batch.length} answered ${outputs.length}`);
          for (const w of batch) w.reject(error);
          return;
        }
        batch.forEach((w, i) => w.resolve(outputs[i]!));
      },
      (error: unknown) => {
        for (const w of batch) w.reject(error);
      },
    );
  };

  return (input) =>
    new Promise<Out>((resolve, reject) => {
      collecting.push({ input, resolve, reject });
      if (collecting.length >= MAX_BATCH) send();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          send();
        });
      }
    });
}
