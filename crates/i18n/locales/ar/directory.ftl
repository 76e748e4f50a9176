# الدخول بالدليل (LDAP، Active Directory): ‏`tahawul serve --ldap … --directory FILE`.

## ملف الربط
directory-mapping-empty = لا يسمّي ملف الربط أي مجموعة، فلن يتمكن أحد من الدليل من الدخول
directory-mapping-empty-help = أضف جدول `[[group]]` فيه `group` و`role` و(للرؤساء والأعضاء والشركاء) `party`؛ انظر docs/accounts.md
directory-mapping-unreadable = تتعذر قراءة ملف الربط: { $detail }
directory-mapping-bad-group = ‏`{ $value }` ليس اسم مجموعة ولا DN
directory-mapping-bad-group-help = اكتب DN المجموعة (`cn=iq-heads,ou=groups,dc=example,dc=org`) أو CN الخاص بها (`iq-heads`)، من دون `(` أو `)` أو `*`
directory-mapping-party-needed = الدور `{ $role }` يتحدث باسم طرف: أضف `party = "…"`
directory-mapping-factor-needed = عضو فريق العمل يحتاج عامل فريقه: أضف `factor = "…"`
directory-mapping-factor-only = لا عامل إلا لأعضاء فرق العمل: احذف `factor`
directory-mapping-rule-help = كل `[[group]]` ينشئ مستخدمين كما تفعل صفحة المستخدمين: الرؤساء والأعضاء والشركاء يحتاجون طرفًا، وأعضاء فرق العمل عاملًا
directory-mapping-no-party = لا طرف `{ $party }` في الحالة
directory-mapping-no-factor = لا عامل `{ $factor }` في الحالة
directory-mapping-party-role = لا يمكن أن يحمل الطرف `{ $party }` الدور `{ $role }` (الرؤساء والأعضاء من وفد، والشركاء من شريك في التحالف)

## الدخول
api-directory-unavailable = الدليل لا يجيب، فلا تستطيع حسابات الدليل الدخول الآن؛ أعد المحاولة بعد قليل (الحسابات المحلية تدخل كالمعتاد)
pages-sign-in-directory-down = الدليل (LDAP) لا يجيب، فلا تستطيع حسابات الدليل الدخول الآن. أعد المحاولة بعد قليل، وإن استمر ذلك فأبلغ الأمانة. الحسابات المحلية تدخل كالمعتاد.

## خيارات أمر التشغيل
directory-cli-arg-ldap = الدليل الذي يمكن الدخول به أيضًا: ldap://host:389 أو ldaps://host:636 (تُجرَّب فيه الأسماء التي ليست حسابات محلية)
directory-cli-arg-starttls = رقِّ اتصال ldap://‎ بـ StartTLS قبل إرسال أي كلمة مرور
directory-cli-arg-ca = ملف PEM لجهة التصديق التي أصدرت شهادة الدليل (جهة المؤسسة الخاصة)؛ ومن دونه يُوثق بجهات التصديق في النظام
directory-cli-arg-bind-pattern = الدخول بالربط بهذا الاسم، حيث {"{"}user{"}"} هو الاسم المكتوب: uid={"{"}user{"}"},ou=people,dc=example,dc=org، أو {"{"}user{"}"}@example.org لـ Active Directory
directory-cli-arg-service-dn = بدلًا من النمط، ابحث عن الأشخاص بحساب الخدمة هذا (كلمة مروره من ‎--ldap-service-password-file أو TAHAWUL_LDAP_SERVICE_PASSWORD)
directory-cli-arg-service-password-file = ملف سطره الأول كلمة مرور حساب الخدمة (بعيدًا عن سطر الأوامر)
directory-cli-arg-base = أين يُبحث عن الأشخاص: dc=example,dc=org
directory-cli-arg-user-filter = أي مدخل هو الشخص، حيث {"{"}user{"}"} هو الاسم المكتوب (بعد تهريبه): (uid={"{"}user{"}"})، أو (sAMAccountName={"{"}user{"}"}) لـ Active Directory
directory-cli-arg-group-base = اقرأ مجموعات الأشخاص بالبحث هنا؛ ومن دونه تُقرأ سمة memberOf الخاصة بهم
directory-cli-arg-group-filter = أي المجموعات تضم الشخص، حيث {"{"}dn{"}"} هو DN الخاص به و{"{"}user{"}"} اسمه
directory-cli-arg-timeout = عدد الثواني التي يُنتظر فيها الدليل قبل أن يقول الدخول إنه لا يجيب
directory-cli-arg-directory = ملف TOML الذي يربط مجموعات الدليل بالأدوار والأطراف (انظر docs/accounts.md)

## أخطاء أمر التشغيل
directory-cli-needs-ldap = لا معنى لـ { $flag } من دون ‎--ldap URL
directory-cli-bad-url = ‏`{ $url }` ليس عنوان دليل
directory-cli-bad-url-help = اكتب ldap://host:389 (مع ‎--ldap-starttls للتشفير) أو ldaps://host:636
directory-cli-starttls-on-ldaps = ‏‎--ldap-starttls لعناوين ldap://‎؛ اتصال ldaps://‎ مشفر من البداية
directory-cli-ca-needs-tls = ‏‎--ldap-ca لاتصال يستخدم TLS؛ اتصال ldap://‎ من دون ‎--ldap-starttls يرسل كل شيء دون تشفير
directory-cli-ca-needs-tls-help = استخدم عنوان ldaps://‎، أو أضف ‎--ldap-starttls
directory-cli-ca-bad = يتعذر استخدام ملف جهة التصديق { $path }: { $detail }
directory-cli-ca-bad-help = أعطِ ملف PEM لجهة التصديق التي أصدرت شهادة الدليل، وفيه كتلة ‎-----BEGIN CERTIFICATE-----‎ (مثلًا الملف الذي يسمّيه TLSCACertificateFile في إعداد الدليل)
directory-cli-pattern-needs-user = يجب أن يحوي ‎--ldap-bind-pattern ‏{"{"}user{"}"} حيث يوضع الاسم المكتوب
directory-cli-filter-needs-user = يجب أن يحوي ‎--ldap-user-filter ‏{"{"}user{"}"} حيث يوضع الاسم المكتوب
directory-cli-bad-filter = ‏`{ $filter }` ليس مرشّح LDAP
directory-cli-bad-filter-help = يُكتب المرشّح بين قوسين: (uid={"{"}user{"}"})، (&(objectClass=person)(sAMAccountName={"{"}user{"}"}))
directory-cli-needs-locate = بيّن كيف يوجد الأشخاص في الدليل: ‎--ldap-bind-pattern أو ‎--ldap-service-dn (لا كلاهما)
directory-cli-needs-locate-help = النمط يربط بـ uid={"{"}user{"}"},ou=people,…؛ وحساب الخدمة يبحث في ‎--ldap-base بـ ‎--ldap-user-filter
directory-cli-search-needs-base = البحث بـ ‎--ldap-service-dn يحتاج ‎--ldap-base حيث يوجد الأشخاص
directory-cli-needs-mapping = ‏‎--ldap يحتاج ‎--directory FILE، ملف ربط المجموعات بالأدوار والأطراف
directory-cli-no-service-password = لا كلمة مرور لحساب الخدمة
directory-cli-no-service-password-help = أعطِ ‎--ldap-service-password-file FILE أو عيّن { $env }
directory-cli-password-unreadable = يتعذر قراءة ملف كلمة المرور { $path }: { $detail }
