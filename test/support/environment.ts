/**
 * Sets variables for the apps a suite starts (shortened durations, a test SMTP server) and
 * answers the function that puts back what was there before, for the suite's `afterAll`.
 */
export function overrideEnvironment(values: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
