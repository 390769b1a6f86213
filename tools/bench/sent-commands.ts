import Redis from 'ioredis';

let sent = 0;
let installed = false;

/**
 * Counts the commands this process's ioredis clients send (INFO left out: only the bench reads
 * it). Redis's own counters also count the commands that run inside a script; this count is what
 * went over the wire. Installed once, for the whole process; returns the count so far.
 */
export function countSentCommands(): () => number {
  if (!installed) {
    installed = true;
    const original = Redis.prototype.sendCommand;
    Redis.prototype.sendCommand = function (
      this: Redis,
      ...args: Parameters<Redis['sendCommand']>
    ) {
      if (args[0].name !== 'info') sent += 1;
      return original.apply(this, args);
    } as Redis['sendCommand'];
  }
  return () => sent;
}
