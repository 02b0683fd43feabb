import { formatDigits, type Locale } from "@city137/i18n";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** Longest voice message recorded in the browser. */
export const MAX_RECORDING_SECONDS = 120;
/** The API's MAX_AUDIO_BYTES (packages/core attachments), not imported to keep file sniffing out of the page's script. */
const MAX_AUDIO_BYTES = 10 * 1024 * 1024;

/** Formats the API accepts (packages/core attachments), in the order tried: Chrome records WebM, Firefox Ogg. */
const TYPES = ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/ogg"];

export interface Recording {
  blob: Blob;
  name: string;
  seconds: number;
}

type State = { step: "idle" } | { step: "unsupported" } | { step: "denied"; reason: string } | { step: "recording"; seconds: number } | { step: "done"; recording: Recording; url: string };

const clock = (s: number, locale: Locale) => formatDigits(`${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`, locale);

/**
 * A voice message recorded in the browser (MediaRecorder), with a running
 * timer, stop, replay and remove. It stops by itself at the time or size
 * limit. A browser without MediaRecorder or a microphone gets a sentence
 * pointing to the file field instead.
 */
export function VoiceRecorder({ onChange }: { onChange: (r: Recording | null) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const [state, setState] = useState<State>({ step: "idle" });
  const recorder = useRef<MediaRecorder | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  useEffect(() => {
    if (typeof window !== "undefined" && (!("MediaRecorder" in window) || !navigator.mediaDevices?.getUserMedia)) setState({ step: "unsupported" });
    return () => {
      if (timer.current) clearInterval(timer.current);
      recorder.current?.stream.getTracks().forEach((tr) => tr.stop());
    };
  }, []);

  const stop = () => {
    if (recorder.current?.state === "recording") recorder.current.stop();
  };

  const start = async () => {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (err) {
      return setState({ step: "denied", reason: err instanceof Error ? err.name : "error" });
    }
    const type = TYPES.find((x) => MediaRecorder.isTypeSupported(x));
    if (!type) {
      stream.getTracks().forEach((tr) => tr.stop());
      return setState({ step: "unsupported" });
    }
    const rec = new MediaRecorder(stream, { mimeType: type, audioBitsPerSecond: 32_000 });
    const chunks: Blob[] = [];
    let size = 0;
    const began = Date.now();
    rec.ondataavailable = (e) => {
      chunks.push(e.data);
      size += e.data.size;
      if (size >= MAX_AUDIO_BYTES * 0.9) stop();
    };
    rec.onstop = () => {
      if (timer.current) clearInterval(timer.current);
      stream.getTracks().forEach((tr) => tr.stop());
      const mime = type.split(";")[0]!;
      const blob = new Blob(chunks, { type: mime });
      const seconds = Math.min(MAX_RECORDING_SECONDS, Math.round((Date.now() - began) / 1000));
      const recording = { blob, name: `voice.${mime === "audio/ogg" ? "ogg" : "webm"}`, seconds };
      setState({ step: "done", recording, url: URL.createObjectURL(blob) });
      onChange(recording);
    };
    recorder.current = rec;
    rec.start(1000);
    setState({ step: "recording", seconds: 0 });
    timer.current = setInterval(() => {
      const seconds = Math.floor((Date.now() - began) / 1000);
      setState((s) => (s.step === "recording" ? { step: "recording", seconds } : s));
      if (seconds >= MAX_RECORDING_SECONDS) stop();
    }, 250);
  };

  const remove = () => {
    if (state.step === "done") URL.revokeObjectURL(state.url);
    setState({ step: "idle" });
    onChange(null);
  };

  return (
    <div className="recorder" data-testid="recorder" data-step={state.step} data-reason={state.step === "denied" ? state.reason : undefined}>
      <p className="label">
        <strong>{t("portal.submit.record.title")}</strong>
      </p>
      <p className="help" id="recorder-help">
        {t("portal.submit.record.help", { seconds: formatDigits(MAX_RECORDING_SECONDS, locale) })}
      </p>
      {(state.step === "unsupported" || state.step === "denied") && (
        <p role="status" data-testid="recorder-unsupported">
          {t(state.step === "denied" ? "portal.submit.record.denied" : "portal.submit.record.unsupported")}
        </p>
      )}
      {state.step === "idle" && (
        <button type="button" className="secondary" onClick={start} aria-describedby="recorder-help" data-testid="record-start">
          {t("portal.submit.record.start")}
        </button>
      )}
      {state.step === "recording" && (
        <>
          <p role="timer" aria-live="off" data-testid="record-timer" data-seconds={state.seconds}>
            <span className="rec-dot" aria-hidden="true" />
            {t("portal.submit.record.recording", { time: clock(state.seconds, locale) })}
          </p>
          <button type="button" className="secondary" onClick={stop} data-testid="record-stop">
            {t("portal.submit.record.stop")}
          </button>
        </>
      )}
      {state.step === "done" && (
        <>
          <p role="status" data-testid="record-done">
            {t("portal.submit.record.recorded", { time: clock(state.recording.seconds, locale) })}
          </p>
          <audio controls src={state.url} data-testid="record-replay">
            <track kind="captions" />
          </audio>
          <button type="button" className="secondary small" onClick={remove} data-testid="record-remove">
            {t("portal.submit.record.remove")}
          </button>
        </>
      )}
    </div>
  );
}
