import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { db } from "../../lib/store/client.js";
import { afterEach } from "vitest";

const COMMANDS = {
  Get: GetCommand,
  BatchGet: BatchGetCommand,
  BatchWrite: BatchWriteCommand,
  Put: PutCommand,
  Query: QueryCommand,
  Scan: ScanCommand,
  Update: UpdateCommand,
  Delete: DeleteCommand,
};
export type CommandName = keyof typeof COMMANDS;

/** The commands that only read. */
export const isRead = (command: CommandName) =>
  command === "Get" || command === "BatchGet" || command === "Query" || command === "Scan";

/**
 * Fault injection on the shared client: every command goes to the real dynalite, except those for
 * which `fault` returns an error to throw instead. `lostAnswer`, when given, is asked after a command
 * ran: an error it returns is thrown although the command took effect (its answer lost on the way).
 * Call `restore()` on the result when done.
 */
export function injectFaults(
  fault: (command: CommandName, input: any) => Error | undefined,
  lostAnswer?: (command: CommandName, input: any) => Error | undefined,
) {
  const realSend = db.send.bind(db) as (command: unknown) => Promise<unknown>;
  const mock = mockClient(db);
  for (const [name, Command] of Object.entries(COMMANDS) as [CommandName, new (input: any) => unknown][]) {
    mock.on(Command as never).callsFake(async (input: any) => {
      const error = fault(name, input);
      if (error) throw error;
      const result = await realSend(new Command(input));
      const lost = lostAnswer?.(name, input);
      if (lost) throw lost;
      return result;
    });
  }
  return mock;
}

/** A test file's injected faults, removed after each test (or earlier, with `restore()`). */
export function useFaults() {
  let active: ReturnType<typeof injectFaults> | undefined;
  const restore = () => {
    active?.restore();
    active = undefined;
  };
  afterEach(restore);
  return {
    inject: (...args: Parameters<typeof injectFaults>) => {
      restore();
      active = injectFaults(...args);
    },
    restore,
  };
}
