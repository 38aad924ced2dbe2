import { useNavigate, useParams } from 'react-router-dom';
import { Notice } from '../../../components/Notice';
import { ApplicantForm } from '../../../components/applicant-picker/ApplicantForm';
import { useApplicantCard } from '../../../components/applicant-picker/api';
import { errorMessage } from '../../../lib/errors';

/** «Новый заявитель»: the form, with the registry's likely duplicates shown before the record is made. */
export function ApplicantNewPage() {
  const navigate = useNavigate();
  return (
    <>
      <div className="page-header">
        <h1>Новый заявитель</h1>
      </div>
      <section className="panel">
        <ApplicantForm
          onSaved={(record) => void navigate(`/arm/applicants/${record.id}`)}
          onCancel={() => void navigate('/arm/applicants')}
        />
      </section>
    </>
  );
}

/** Corrects a record's data (the kind stays). */
export function ApplicantEditPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const card = useApplicantCard(id);
  return (
    <>
      <div className="page-header">
        <h1>Изменение сведений о заявителе</h1>
      </div>
      {card.error && <Notice kind="error">{errorMessage(card.error)}</Notice>}
      {card.data && (
        <section className="panel">
          <ApplicantForm
            record={card.data.record}
            onSaved={() => void navigate(`/arm/applicants/${id}`)}
            onCancel={() => void navigate(`/arm/applicants/${id}`)}
          />
        </section>
      )}
    </>
  );
}
