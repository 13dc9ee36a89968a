/** The editor: placeholder until the canvas lands. */
export function App() {
  return <h1>Sluice</h1>;
}
