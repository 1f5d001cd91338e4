// Bundled at build time with esbuild into editor.js: CodeMirror 6 with Python highlighting.

import { python } from "@codemirror/lang-python";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { basicSetup } from "codemirror";

export function createEditor(parent, doc, { label = "Program", onRun = () => {} } = {}) {
  const run = () => { onRun(); return true; };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        keymap.of([{ key: "Mod-Enter", run }]),
        basicSetup,
        python(),
        EditorView.contentAttributes.of({ "aria-label": label }),
        EditorView.lineWrapping,
      ],
    }),
  });
  return {
    view,
    get: () => view.state.doc.toString(),
    set: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
  };
}
