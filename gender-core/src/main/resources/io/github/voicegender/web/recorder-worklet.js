// Passes the microphone's samples (mono, the context's rate) to the page, 128 at a time.
class RecorderProcessor extends AudioWorkletProcessor {
  process(inputs) {
    const input = inputs[0];
    if (input && input.length > 0) {
      this.port.postMessage(input[0].slice(0));
    }
    return true;
  }
}
registerProcessor('recorder', RecorderProcessor);
