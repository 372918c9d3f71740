import { CONFIG_PATH } from "../topology/receptor-config.js";

/**
 * A node container of the harness's own image starts with receptor held back: bash waits
 * (without forking, on a FIFO read that times out) until `releaseFile` appears, then execs
 * receptor in its place. Docker starts containers several times faster on an idle host than
 * under a converging mesh's load, so a lab starts every container first and then lets receptor
 * run wave by wave, each release one file put into the container. The file stays, so a later
 * stop/start or restart runs receptor at once.
 */
export const releaseFile = "/run/receptor-lab/released";

const holdScript = [
  "hold=/run/receptor-lab",
  'mkdir -p "$hold"',
  '[ -p "$hold/wait" ] || mkfifo "$hold/wait"',
  'exec 3<>"$hold/wait"',
  'until [ -e "$hold/released" ]; do read -r -t 0.1 -u 3 _; done',
  `exec /usr/bin/receptor -c ${CONFIG_PATH} 3<&-`,
].join("; ");

/** The container command (after the image's tini entrypoint). */
export const heldCommand = ["bash", "-c", holdScript];
