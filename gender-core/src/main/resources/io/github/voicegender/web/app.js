// The page of gender:serve: choose, drop or record a clip, send it to POST api/predict, show the answer.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const els = {
    dropzone: $('dropzone'),
    dropIdle: $('dropzone-idle'),
    fileInput: $('file-input'),
    choose: $('choose-button'),
    record: $('record-button'),
    recording: $('recording'),
    stop: $('stop-button'),
    recTime: $('rec-time'),
    meter: $('meter-fill'),
    limitHint: $('limit-hint'),
    examples: $('examples'),
    exampleList: $('example-list'),
    card: $('result-card'),
    workingName: $('working-name'),
    errorMessage: $('error-message'),
    label: $('result-label'),
    probability: $('result-probability'),
    bar: $('confidence-bar'),
    fill: $('confidence-fill'),
    duration: $('fact-duration'),
    segments: $('fact-segments'),
    time: $('fact-time'),
    timelineBlock: $('timeline-block'),
    timeline: $('timeline'),
    timelineEnd: $('timeline-end'),
    playhead: $('playhead'),
    clip: $('clip'),
    clipName: $('clip-name'),
    player: $('player'),
    modelText: $('model-text'),
    statusDot: $('status-dot'),
  };

  const MAX_RECORD_SECONDS = 60;
  const LABELS = { female: 'Female', male: 'Male', unknown: 'No voice found' };
  let maxUploadBytes = 25 * 1024 * 1024;
  let clipUrl = null;
  let request = 0; // answers to older requests are ignored

  // ---- states -------------------------------------------------------------------------------

  function setState(state) {
    els.card.dataset.state = state;
    els.card.setAttribute('aria-busy', state === 'working' ? 'true' : 'false');
  }

  function showError(message) {
    els.errorMessage.textContent = message;
    setState('error');
  }

  function formatSeconds(seconds) {
    if (!isFinite(seconds)) return '–';
    if (seconds < 60) return (Math.round(seconds * 10) / 10).toFixed(1) + ' s';
    const m = Math.floor(seconds / 60);
    const s = Math.round(seconds - m * 60);
    return m + ':' + String(s).padStart(2, '0') + ' min';
  }

  function clock(seconds) {
    const m = Math.floor(seconds / 60);
    const s = Math.floor(seconds - m * 60);
    return m + ':' + String(s).padStart(2, '0');
  }

  function percent(p) {
    return Math.round(p * 100) + '%';
  }

  // ---- the clip and its answer --------------------------------------------------------------

  function setClip(blob, name) {
    if (clipUrl) URL.revokeObjectURL(clipUrl);
    clipUrl = URL.createObjectURL(blob);
    els.player.src = clipUrl;
    els.clipName.textContent = name;
    els.clip.hidden = false;
  }

  async function classify(blob, name, fileName) {
    fileName = fileName || name;
    const mine = ++request;
    setClip(blob, name);
    if (blob.size === 0) {
      showError('The file is empty.');
      return;
    }
    if (blob.size > maxUploadBytes) {
      showError('The file is ' + megabytes(blob.size) + '; the limit is ' + megabytes(maxUploadBytes)
        + '. Send a shorter clip, or compress it as FLAC.');
      return;
    }
    els.workingName.textContent = name;
    setState('working');
    // On a narrow screen the answer is below the inputs: bring it into view.
    if (window.matchMedia('(max-width: 800px)').matches) {
      els.card.scrollIntoView({ behavior: 'smooth', block: 'start' });
    }
    const started = performance.now();
    let response;
    let body;
    try {
      // Multipart, so the server can name the file in its messages; the raw body works as well.
      const form = new FormData();
      form.append('file', blob, fileName);
      response = await fetch('api/predict', { method: 'POST', body: form });
      body = await response.json().catch(() => null);
    } catch (e) {
      if (mine === request) showError('The server could not be reached. Is gender:serve still running?');
      return;
    }
    if (mine !== request) return;
    if (!response.ok || !body || body.error) {
      const reason = body && body.error ? body.error : 'The server answered ' + response.status + '.';
      showError(reason);
      return;
    }
    showResult(body, performance.now() - started);
  }

  function megabytes(bytes) {
    return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0) + ' MB';
  }

  function showResult(answer, roundTripMillis) {
    const label = answer.label in LABELS ? answer.label : 'unknown';
    els.label.textContent = LABELS[label];
    els.label.dataset.label = label;
    els.bar.dataset.label = label;
    const p = typeof answer.probability === 'number' ? answer.probability : null;
    if (p === null) {
      els.probability.textContent = 'The recording holds no speech the model could judge.';
      els.fill.style.width = '0%';
      els.bar.setAttribute('aria-valuenow', '0');
    } else {
      els.probability.replaceChildren(strong(percent(p)), document.createTextNode(' sure'));
      els.fill.style.width = '0%';
      // Let the bar grow from empty, so a new answer is seen to arrive.
      requestAnimationFrame(() => requestAnimationFrame(() => { els.fill.style.width = (p * 100).toFixed(1) + '%'; }));
      els.bar.setAttribute('aria-valuenow', String(Math.round(p * 100)));
      els.bar.setAttribute('aria-valuetext', percent(p) + ' sure it is ' + label);
    }
    els.duration.textContent = formatSeconds(answer.durationSeconds);
    const segments = Array.isArray(answer.segments) ? answer.segments : [];
    els.segments.textContent = String(segments.length);
    els.time.textContent = Math.round(roundTripMillis) + ' ms';
    drawTimeline(segments, answer.durationSeconds);
    setState('result');
  }

  function strong(text) {
    const el = document.createElement('strong');
    el.id = 'result-percent';
    el.textContent = text;
    return el;
  }

  function drawTimeline(segments, duration) {
    els.timeline.querySelectorAll('.segment').forEach((el) => el.remove());
    if (segments.length < 2 || !(duration > 0)) {
      els.timelineBlock.hidden = true;
      return;
    }
    for (const segment of segments) {
      const label = segment.label in LABELS ? segment.label : 'unknown';
      const el = document.createElement('button');
      el.type = 'button';
      el.className = 'segment ' + label;
      el.setAttribute('role', 'listitem');
      el.style.left = (segment.start / duration * 100) + '%';
      el.style.width = ((segment.end - segment.start) / duration * 100) + '%';
      const p = typeof segment.probability === 'number' ? ' ' + percent(segment.probability) : '';
      const text = clock(segment.start) + ' to ' + clock(segment.end) + ': ' + (label === 'unknown' ? 'no speech' : label) + p;
      el.title = text;
      el.setAttribute('aria-label', text + '. Play from here.');
      if (typeof segment.probability === 'number') el.style.opacity = String(0.45 + 0.55 * segment.probability);
      el.addEventListener('click', () => {
        els.player.currentTime = segment.start;
        els.player.play().catch(() => {});
      });
      els.timeline.appendChild(el);
    }
    els.timelineEnd.textContent = clock(duration);
    els.timelineBlock.hidden = false;
  }

  els.player.addEventListener('timeupdate', () => {
    const duration = els.player.duration;
    if (!els.timelineBlock.hidden && duration > 0) {
      els.playhead.style.left = (els.player.currentTime / duration * 100) + '%';
      els.playhead.classList.add('on');
    }
  });

  // ---- files: choose or drop ----------------------------------------------------------------

  els.choose.addEventListener('click', () => els.fileInput.click());
  els.fileInput.addEventListener('change', () => {
    const file = els.fileInput.files && els.fileInput.files[0];
    if (file) classify(file, file.name);
    els.fileInput.value = '';
  });

  let dragDepth = 0;
  window.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    dragDepth++;
    els.dropzone.classList.add('dragging');
  });
  window.addEventListener('dragleave', () => {
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) els.dropzone.classList.remove('dragging');
  });
  window.addEventListener('dragover', (e) => {
    if (hasFiles(e)) e.preventDefault();
  });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    dragDepth = 0;
    els.dropzone.classList.remove('dragging');
    const file = e.dataTransfer && e.dataTransfer.files[0];
    if (file) classify(file, file.name);
  });

  function hasFiles(e) {
    return e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files');
  }

  // ---- examples -----------------------------------------------------------------------------

  async function loadExamples() {
    let list;
    try {
      const response = await fetch('api/examples');
      list = (await response.json()).examples || [];
    } catch (e) {
      return;
    }
    if (list.length === 0) return;
    for (const example of list) {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'example';
      button.dataset.id = example.id;
      const play = document.createElement('span');
      play.className = 'play';
      play.setAttribute('aria-hidden', 'true');
      const text = document.createElement('span');
      text.className = 'text';
      const title = document.createElement('span');
      title.className = 'title';
      title.textContent = example.title;
      const sub = document.createElement('span');
      sub.className = 'sub';
      sub.textContent = [formatSeconds(example.durationSeconds), example.description].filter(Boolean).join(' · ');
      text.append(title, sub);
      button.append(play, text);
      button.addEventListener('click', async () => {
        try {
          const response = await fetch(example.url);
          if (!response.ok) throw new Error(String(response.status));
          const blob = await response.blob();
          await classify(new Blob([blob], { type: 'audio/wav' }), example.title, example.id + '.wav');
        } catch (e) {
          showError('The example could not be loaded (' + e.message + ').');
        }
      });
      li.appendChild(button);
      els.exampleList.appendChild(li);
    }
    els.examples.hidden = false;
  }

  // ---- health -------------------------------------------------------------------------------

  async function loadHealth() {
    try {
      const health = await (await fetch('api/health')).json();
      if (typeof health.maxUploadBytes === 'number') {
        maxUploadBytes = health.maxUploadBytes;
        els.limitHint.textContent = 'WAV or FLAC, up to ' + megabytes(maxUploadBytes).replace('.0 ', ' ') + '. Nothing is stored.';
      }
      const parts = [];
      if (health.model) parts.push('Model: ' + health.model);
      if (health.version) parts.push('v' + String(health.version).replace(/^v/, ''));
      els.modelText.textContent = parts.length ? parts.join(' · ') : 'Ready';
      els.modelText.parentElement.title = els.modelText.textContent;
      els.statusDot.className = 'status-dot ok';
    } catch (e) {
      els.modelText.textContent = 'Server not reachable';
      els.statusDot.className = 'status-dot down';
    }
  }

  // ---- recording: PCM from the microphone, encoded as 16-bit mono WAV here ---------------------

  let recorder = null;

  els.record.addEventListener('click', startRecording);
  els.stop.addEventListener('click', () => stopRecording(true));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && recorder) stopRecording(false);
  });

  async function startRecording() {
    if (recorder) return;
    if (!window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      showError('Recording needs the page on localhost or https. Open it at http://localhost:PORT/, or choose a file instead.'.replace('PORT', location.port || '80'));
      return;
    }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
      });
    } catch (e) {
      showError(e && e.name === 'NotAllowedError'
        ? 'Microphone access was refused. Allow it in the browser (the icon in the address bar), or choose a file instead.'
        : 'No microphone could be opened (' + (e && e.message ? e.message : e) + ').');
      return;
    }
    const context = new (window.AudioContext || window.webkitAudioContext)();
    const source = context.createMediaStreamSource(stream);
    const chunks = [];
    let node;
    const onSamples = (samples) => {
      chunks.push(samples);
      let sum = 0;
      for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
      const rms = Math.sqrt(sum / Math.max(1, samples.length));
      // Roughly -60 dBFS to 0 dBFS across the meter.
      const level = Math.max(0, Math.min(1, 1 + Math.log10(rms + 1e-9) / 3));
      els.meter.style.width = (level * 100).toFixed(0) + '%';
    };
    try {
      await context.audioWorklet.addModule('recorder-worklet.js');
      node = new AudioWorkletNode(context, 'recorder');
      node.port.onmessage = (e) => onSamples(e.data);
      source.connect(node);
    } catch (e) {
      // Older browsers: the deprecated ScriptProcessorNode does the same job.
      node = context.createScriptProcessor(4096, 1, 1);
      node.onaudioprocess = (e) => onSamples(new Float32Array(e.inputBuffer.getChannelData(0)));
      source.connect(node);
      node.connect(context.destination);
    }
    const started = performance.now();
    const timer = setInterval(() => {
      const seconds = (performance.now() - started) / 1000;
      els.recTime.textContent = clock(seconds);
      if (seconds >= MAX_RECORD_SECONDS) stopRecording(true);
    }, 200);
    recorder = { stream, context, source, node, chunks, timer };
    els.record.setAttribute('aria-pressed', 'true');
    els.dropIdle.hidden = true;
    els.recording.hidden = false;
    els.recTime.textContent = '0:00';
    els.stop.focus();
  }

  async function stopRecording(send) {
    const r = recorder;
    if (!r) return;
    recorder = null;
    clearInterval(r.timer);
    r.stream.getTracks().forEach((t) => t.stop());
    try { r.source.disconnect(); r.node.disconnect(); } catch (e) { /* already gone */ }
    const rate = r.context.sampleRate;
    await r.context.close().catch(() => {});
    els.record.setAttribute('aria-pressed', 'false');
    els.recording.hidden = true;
    els.dropIdle.hidden = false;
    els.meter.style.width = '0%';
    els.record.focus();
    if (!send) return;
    const wav = encodeWav(r.chunks, rate);
    const seconds = r.chunks.reduce((n, c) => n + c.length, 0) / rate;
    if (seconds < 0.3) {
      showError('The recording is too short. Hold on a little longer before stopping.');
      return;
    }
    classify(wav, 'Your recording (' + formatSeconds(seconds) + ')', 'recording.wav');
  }

  function encodeWav(chunks, rate) {
    const count = chunks.reduce((n, c) => n + c.length, 0);
    const buffer = new ArrayBuffer(44 + count * 2);
    const view = new DataView(buffer);
    const ascii = (at, text) => { for (let i = 0; i < text.length; i++) view.setUint8(at + i, text.charCodeAt(i)); };
    ascii(0, 'RIFF');
    view.setUint32(4, 36 + count * 2, true);
    ascii(8, 'WAVE');
    ascii(12, 'fmt ');
    view.setUint32(16, 16, true);
    view.setUint16(20, 1, true); // PCM
    view.setUint16(22, 1, true); // mono
    view.setUint32(24, rate, true);
    view.setUint32(28, rate * 2, true);
    view.setUint16(32, 2, true);
    view.setUint16(34, 16, true);
    ascii(36, 'data');
    view.setUint32(40, count * 2, true);
    let at = 44;
    for (const chunk of chunks) {
      for (let i = 0; i < chunk.length; i++, at += 2) {
        const s = Math.max(-1, Math.min(1, chunk[i]));
        view.setInt16(at, s < 0 ? s * 0x8000 : s * 0x7fff, true);
      }
    }
    return new Blob([buffer], { type: 'audio/wav' });
  }

  loadHealth();
  loadExamples();
})();
