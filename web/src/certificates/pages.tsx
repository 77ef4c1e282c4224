// Certificates: the public verification page (anyone with the code) and the learner's own list.
import { api, type Schemas } from '../api/client.ts';
import { Link } from '../shell/Link.tsx';
import { DataTable, LoadView } from '../ui/data.tsx';
import { Card, ErrorAlert } from '../ui/forms.tsx';
import { isProblem, useLoad } from '../ui/useLoad.ts';
import { Pager, usePagedLoad } from '../admin/pager.tsx';

type Verification = Schemas['CertificateVerification'];

/** `2026-11-26T02:22:00Z` → "26 November 2026" in the reader's locale. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleDateString(undefined, { dateStyle: 'long' });
}

function pdfOfCode(code: string): string {
  return `/api/v1/certificates/verify/${encodeURIComponent(code)}/pdf`;
}

/** `/verify/:code`: public, no sign-in. Says plainly whether the certificate stands. */
export function VerifyPage({ code }: { code: string }) {
  const { state } = useLoad(
    (signal) => api.get('/api/v1/certificates/verify/{code}', { signal, path: { code } }),
    `verify|${code}`,
  );
  if (state.status === 'loading') return <p role="status">Checking certificate {code}…</p>;
  if (state.status === 'error') {
    return (
      <Card title="Certificate not found">
        {isProblem(state.error, 'not_found') ? (
          <p data-testid="verify-unknown">
            No certificate has the code <code>{code}</code>. Check the code as printed on the certificate.
          </p>
        ) : (
          <ErrorAlert message={state.message} />
        )}
      </Card>
    );
  }
  return <Verified certificate={state.data} />;
}

function Verified({ certificate }: { certificate: Verification }) {
  const kind = certificate.kind === 'path' ? 'learning path' : 'course';
  return (
    <Card title="Certificate verification">
      {certificate.valid ? (
        <p className="notice" role="status" data-testid="verify-status">
          ✔ Valid certificate
        </p>
      ) : (
        <p className="form-error" role="alert" data-testid="verify-status">
          ✘ Revoked on {formatDate(certificate.revoked_at)}: this certificate is no longer valid.
        </p>
      )}
      <dl className="facts">
        <dt>Awarded to</dt>
        <dd data-testid="verify-name">{certificate.learner_name}</dd>
        <dt>For completing the {kind}</dt>
        <dd data-testid="verify-title">{certificate.title}</dd>
        <dt>Issued on</dt>
        <dd>{formatDate(certificate.issued_at)}</dd>
        <dt>Verification code</dt>
        <dd>
          <code>{certificate.code}</code>
        </dd>
      </dl>
      <p>
        <a href={pdfOfCode(certificate.code)} className="button button-secondary">
          Download the PDF
        </a>
      </p>
    </Card>
  );
}

/** `/learn/certificates`: mine, newest first, with the PDF and the public link. */
export function MyCertificatesPage() {
  const { pages, state } = usePagedLoad('my-certificates', (page, signal) =>
    api.get('/api/v1/me/certificates', { signal, query: { limit: 25, ...page } }),
  );
  return (
    <Card title="My certificates">
      <LoadView state={state} what="certificates">
        {(data) => (
          <>
            {data.certificates.length === 0 ? (
              <p>No certificates yet: complete a course or a learning path to earn one.</p>
            ) : (
              <DataTable caption="My certificates" columns={['Title', 'Kind', 'Issued', 'Status', 'Code', 'Download']} testId="certificates-table">
                {data.certificates.map((certificate) => (
                  <tr key={certificate.id}>
                    <td>{certificate.title}</td>
                    <td>{certificate.kind === 'path' ? 'Learning path' : 'Course'}</td>
                    <td>{formatDate(certificate.issued_at)}</td>
                    <td>{certificate.valid ? 'Valid' : `Revoked ${formatDate(certificate.revoked_at)}`}</td>
                    <td>
                      <Link to={`/verify/${encodeURIComponent(certificate.code)}`}>{certificate.code}</Link>
                    </td>
                    <td>
                      <a href={`/api/v1/certificates/${encodeURIComponent(certificate.id)}/pdf`} aria-label={`Download the PDF of ${certificate.title}`}>
                        PDF
                      </a>
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
            <Pager pages={pages} nextCursor={data.next_cursor} />
          </>
        )}
      </LoadView>
    </Card>
  );
}
