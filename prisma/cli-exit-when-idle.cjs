// Preloaded into Prisma's CLI (see server/migrate.ts). Prisma 6.19's WebAssembly schema engine arms a
// 10-second timer it never clears, so every `prisma migrate` lingered 10 s after finishing. Long timers
// are unref'd: they still fire if the CLI is busy, but no longer keep an idle CLI alive.
const setTimeoutOriginal = global.setTimeout;
global.setTimeout = function setTimeoutUnrefLong(callback, ms, ...args) {
  const timer = setTimeoutOriginal.call(this, callback, ms, ...args);
  if (ms >= 5000 && typeof timer?.unref === "function") timer.unref();
  return timer;
};
