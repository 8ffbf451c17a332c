-- Where one indicator's values come from: one row per source and provenance, with the years and how many values (observations and milestone steps) cite it, sourced before illustrative.
with cited as (
    select provenance, source_title, source_url, year
    from observations
    where indicator_id = $indicator_id
    union all
    select provenance, source_title, source_url, year(status_date) as year
    from milestones
    where indicator_id = $indicator_id
),

final as (
    select
        source_title,
        source_url,
        provenance,
        min(year) as first_year,
        max(year) as last_year,
        count(*) as values_cited
    from cited
    group by source_title, source_url, provenance
    order by provenance = 'illustrative', values_cited desc, source_title
)

select * from final
