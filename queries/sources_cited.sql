-- Published sources behind the bundled data: one row per source with its provenance and how many values cite it.
with cited as (
    select provenance, source_title, source_url from observations
    union all
    select provenance, source_title, source_url from sites
    union all
    select provenance, source_title, source_url from site_status
    union all
    select provenance, source_title, source_url from milestones
),

sourced as (
    select *
    from cited
    where provenance <> 'illustrative'
      and source_url is not null
),

final as (
    select
        source_title,
        source_url,
        string_agg(distinct provenance, ', ' order by provenance) as provenances,
        count(*) as values_cited
    from sourced
    group by source_title, source_url
    order by values_cited desc, source_title
)

select * from final
