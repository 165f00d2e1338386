// Ambient declarations for the webview bundle: CSS files are imported as text (esbuild 'text'
// loader) and adopted as constructed stylesheets, and VS Code injects acquireVsCodeApi().
declare module '*.css' {
  const text: string;
  export default text;
}

interface VsCodeWebviewApi<S> {
  postMessage(message: unknown): void;
  getState(): S | undefined;
  setState(state: S): void;
}

declare function acquireVsCodeApi<S = unknown>(): VsCodeWebviewApi<S>;
