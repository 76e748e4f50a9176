# status messages (English)
status-met = met
status-not-met = not met
status-no-data = no data
status-stale = stale
status-header = { $name } — status of each factor by area, as of { $date }
status-no-condition = this factor has no condition over its indicators; its status comes from the working group's assessment
status-stale-reason = { $indicator } is stale: latest figure { $latest }, { $expected } was due by now
status-assessment = working group's rating: { $rating } for { $cycle } ({ $state })
status-no-assessment = no assessment on record
gates-header = { $name } — phase gates as of { $date }
status-agreement-agrees = the figures agree
status-agreement-differs = the figures say otherwise
status-agreement-nothing = the figures give nothing to compare it with
status-stale-explained = { $indicator }: the latest figure is for { $latest }; the figure for { $expected } has been overdue since { $since }.
