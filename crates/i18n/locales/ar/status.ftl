# status messages (Arabic)
status-met = متحقق
status-not-met = غير متحقق
status-no-data = لا بيانات
status-stale = قديم
status-header = { $name } — حالة كل عامل بحسب المنطقة، حتى { $date }
status-no-condition = ليس لهذا العامل شرط على مؤشراته؛ وتأتي حالته من تقييم فريق العمل
status-stale-reason = بيانات { $indicator } قديمة: آخر رقم عن { $latest }، وكان رقم { $expected } مستحقًا قبل الآن
status-assessment = تقدير فريق العمل: { $rating } عن { $cycle } ({ $state })
status-no-assessment = لا يوجد تقييم مسجّل
gates-header = { $name } — شروط المراحل حتى { $date }
status-agreement-agrees = الأرقام تتفق معه
status-agreement-differs = الأرقام تقول غير ذلك
status-agreement-nothing = لا تقدّم الأرقام ما يُقارَن به
status-stale-explained = { $indicator }: آخر رقم مسجّل عن { $latest }، ورقم { $expected } متأخر منذ { $since }.
