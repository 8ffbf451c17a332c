-- Steps of the milestone targets (12, 14): one row per indicator and step, in order.
with steps as (
    select
        indicator_id, step_no, step_vi, step_en, status, status_date,
        evidence_vi, evidence_en, provenance, source_title, source_url, note
    from milestones
),

final as (
    select *
    from steps
    order by indicator_id, step_no
)

select * from final
