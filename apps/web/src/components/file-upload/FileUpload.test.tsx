import type { ApplicationFile } from '@uslugi/contracts';
import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { FileUpload } from './FileUpload';

/** A stand-in for XMLHttpRequest: the test decides when each upload progresses and how it ends. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  responseText = '';
  withCredentials = false;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } =
    { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

const stored = (id: string, fileName: string): ApplicationFile => ({
  id,
  fileName,
  mediaType: 'application/pdf',
  size: 2048,
  sha256: 'a'.repeat(64),
  scan: 'not_scanned',
  uploadedAt: '2026-12-02T10:00:00Z',
});

function Harness({ initial = [] as ApplicationFile[], onChange = (_: ApplicationFile[]) => {} }) {
  const [files, setFiles] = useState(initial);
  return (
    <FileUpload
      endpoint="/api/v1/portal/files"
      csrfToken="token-1"
      value={files}
      onChange={(next) => {
        setFiles(next);
        onChange(next);
      }}
    />
  );
}

async function waitForSent(count: number) {
  for (let i = 0; i < 50 && FakeXhr.sent.length < count; i++) await act(() => Promise.resolve());
  expect(FakeXhr.sent).toHaveLength(count);
}

describe('FileUpload', () => {
  it('uploads each chosen file with its progress and lists what the server stored', async () => {
    FakeXhr.sent = [];
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const input = screen.getByLabelText('Файлы');
    await userEvent.upload(input, [
      new File(['%PDF-1.4'], 'заявление.pdf', { type: 'application/pdf' }),
      new File(['%PDF-1.4'], 'паспорт.pdf', { type: 'application/pdf' }),
    ]);
    await waitForSent(2);
    const [first, second] = FakeXhr.sent as [FakeXhr, FakeXhr];
    expect(first.method).toBe('POST');
    expect(first.url).toBe('/api/v1/portal/files');
    expect(first.headers['x-csrf-token']).toBe('token-1');
    expect((first.body?.get('file') as File).name).toBe('заявление.pdf');

    act(() => first.progress(50, 100));
    expect(screen.getByLabelText('Загрузка файла заявление.pdf')).toHaveProperty('value', 50);
    // The second ends first: both end up in the list, in the order they ended.
    act(() => second.answer(201, stored('f2', 'паспорт.pdf')));
    act(() => first.answer(201, stored('f1', 'заявление.pdf')));
    await act(() => Promise.resolve());
    expect(onChange).toHaveBeenLastCalledWith([stored('f2', 'паспорт.pdf'), stored('f1', 'заявление.pdf')]);
    expect(screen.getByText('заявление.pdf')).toBeTruthy();
    expect(screen.getAllByText('2 КБ')).toHaveLength(2);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('shows the server’s Russian refusal for the file, and lets it be dismissed', async () => {
    FakeXhr.sent = [];
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    // The browser's dialog can be told to show all files: the server is the one that refuses.
    await userEvent
      .setup({ applyAccept: false })
      .upload(screen.getByLabelText('Файлы'), new File(['MZ'], 'x.exe'));
    await waitForSent(1);
    const message =
      'Файл «x.exe»: такой тип файла не принимается. Допустимы PDF, JPEG, PNG, TIFF, DOCX, ODT, XML, SIG';
    act(() =>
      FakeXhr.sent[0]?.answer(415, {
        code: 'file_type_refused',
        message: 'Такой тип файла не принимается',
        requestId: 'r1',
        fields: [{ path: 'file', message }],
      }),
    );
    await act(() => Promise.resolve());
    expect(screen.getByRole('alert').textContent).toBe(message);
    expect(onChange).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Убрать файл x.exe' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when the server cannot be reached', async () => {
    FakeXhr.sent = [];
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    render(<Harness />);
    await userEvent.upload(screen.getByLabelText('Файлы'), new File(['%PDF-'], 'a.pdf'));
    await waitForSent(1);
    act(() => FakeXhr.sent[0]?.onerror?.());
    await act(() => Promise.resolve());
    expect(screen.getByRole('alert').textContent).toMatch(/Нет связи с сервером/);
  });

  it('removes an uploaded file and takes dropped files', async () => {
    FakeXhr.sent = [];
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const onChange = vi.fn();
    render(<Harness initial={[stored('f1', 'скан.pdf')]} onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Удалить файл скан.pdf' }));
    expect(onChange).toHaveBeenLastCalledWith([]);
    expect(screen.queryByText('скан.pdf')).toBeNull();

    const dropped = new File(['%PDF-'], 'план.pdf');
    fireEvent.drop(screen.getByTestId('file-upload-zone'), { dataTransfer: { files: [dropped] } });
    await waitForSent(1);
    act(() => FakeXhr.sent[0]?.answer(201, stored('f3', 'план.pdf')));
    await act(() => Promise.resolve());
    expect(onChange).toHaveBeenLastCalledWith([stored('f3', 'план.pdf')]);
  });
});
