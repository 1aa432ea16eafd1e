import { createServer } from "node:net";

/** True when nothing listens on host:port (checked by listening briefly ourselves). */
export function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      error.code === "EADDRINUSE" ? resolve(false) : reject(error),
    );
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** What `npm start` says instead of a stack trace when its port is taken. */
export const portTakenMessage = (port: number, host: string): string =>
  `Port ${port} on ${host} is already in use (another \`npm start\`, or another program).\n` +
  `Stop that, or choose another port: PORT=${port === 65535 ? 3001 : port + 1} npm start`;
