<?xml version="1.0" encoding="UTF-8"?>
<!--
  oscal-assessment-results.xsl: package.xml (urn:signoff:package:1, docs/package-xml.md)
  to an OSCAL 1.1.3 assessment-results document that validates against NIST's
  oscal_assessment-results_schema.xsd. XSLT 1.0 with exsl:node-set only (libxslt); it
  reads nothing but its input (no document()) and writes one result.

  What goes where:
    metadata         title, last-modified = run/@to (the as-of time), version = the tool
                     version, oscal-version 1.1.3, props for the input digest and period,
                     a party for the organization and one per human party
    import-ap        "#uuid" of a back-matter resource that describes the method (there is
                     no separate assessment plan: signoff's rules, mappings and settings)
    result           one, for the period: start = from (all time: the earliest time in
                     the document, never after to), end = to
      local-definitions/assessment-assets
                     a component per non-human or unknown party (agents: actors of type
                     tool) and the signoff assessment platform
      reviewed-controls
                     one control-selection per framework, include-control per control
      observation    evidence: one per traced change, documented deferral and answered
                     escalation (origin: the agent as tool, the named human as party),
                     one per evidence kind with its count; exceptions: one per package
                     finding. Method EXAMINE; collected = the event time.
      risk           one per undocumented-deferral and silent-deferral finding, open
      finding        one per mapped control: target objective-id = the control id,
                     not-satisfied when exceptions are noted or no evidence was seen, satisfied when evidence is present; related
                     observations (evidence kinds, exceptions) and associated risks
    back-matter      the method resource, package.xml, manifest.json, one per input file

  UUIDs are deterministic. XSLT 1.0 cannot hash, so a UUID is built from content the C
  side already hashed and from position:
      DDDDDDDD-TTTT-5DDD-8DDD-NNNNNNNNNNNN
  D = the first 14 hex digits of run/@input-digest (SHA-256 over inputs, settings,
  period and tool version: two packages of different content get different UUIDs),
  T = a block per element type (table below), N = the 12-digit, zero-padded sequence
  number of the item among its kind in document order (position(), never generate-id(),
  which differs between processors). The version nibble 5 and variant nibble 8 satisfy
  OSCAL's UUIDDatatype pattern [0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-
  [89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}.
      0001 assessment-results        0008 resource: input file (N = input)
      0002 result                    0009 resource: package.xml (1), manifest.json (2)
      0003 party: organization       0010 observation: decision (N over changes,
      0004 party: person (N = party)       deferrals, escalations, i.e. d-N)
      0005 component: agent (N=party) 0011 observation: package finding (N = f-N)
      0006 assessment-platform       0012 observation: evidence kind (N = kind)
      0007 resource: method          0013 finding: control (N over all controls)
                                     0014 risk (N = its package finding)
  Lookups from a record id or an xs:ID to a sequence number go through a map built in
  one pass (exsl:node-set) and xsl:key: no counting of preceding elements, so the
  transform stays near linear in the package.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:p="urn:signoff:package:1"
                xmlns:exsl="http://exslt.org/common"
                xmlns:m="urn:signoff:oscal-map"
                xmlns="http://csrc.nist.gov/ns/oscal/1.0"
                exclude-result-prefixes="p exsl m">

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:strip-space elements="*"/>

  <!-- the namespace of signoff's own prop names. Global values are strings (select),
       never result tree fragments: libxslt converts a fragment to a string again at
       every use and keeps each copy to the end, a gigabyte at 100 000 decisions -->
  <xsl:variable name="ns" select="'urn:signoff:package:1'"/>

  <xsl:variable name="pkg" select="/p:package"/>
  <xsl:variable name="run" select="/p:package/p:run"/>
  <xsl:variable name="digest" select="string($run/@input-digest)"/>
  <xsl:variable name="d1" select="substring($digest, 1, 8)"/>
  <xsl:variable name="d2" select="substring($digest, 9, 3)"/>
  <xsl:variable name="d3" select="substring($digest, 12, 3)"/>

  <xsl:key name="party" match="p:parties/p:party" use="@party"/>
  <xsl:key name="input" match="p:run/p:inputs/p:input" use="@path"/>
  <!-- one key per section: libxslt indexes a key by evaluating its match pattern as a
       path, and a union there is the quadratic merge of libxml2 (half the run time at
       100 000 decisions) -->
  <xsl:key name="change" match="p:changes/p:change" use="@id"/>
  <xsl:key name="deferral" match="p:deferrals/p:deferral" use="@id"/>
  <xsl:key name="escalation" match="p:escalations/p:escalation" use="@id"/>
  <xsl:key name="exposure" match="p:exposures/p:exposure" use="@id"/>
  <xsl:key name="finding" match="p:findings/p:finding" use="@id"/>
  <xsl:key name="evidence" match="p:frameworks/p:framework/p:control/p:evidence" use="@kind"/>

  <!-- sequence numbers, in one pass -->
  <xsl:variable name="map-rtf">
    <xsl:for-each select="$pkg/p:findings/p:finding">
      <m:f k="{@id}" n="{position()}" code="{@code}"/>
    </xsl:for-each>
    <xsl:for-each select="$pkg/p:parties/p:party">
      <m:p k="{@party}" n="{position()}" t="{@type}"/>
    </xsl:for-each>
    <xsl:for-each select="$run/p:inputs/p:input">
      <m:i k="{@path}" n="{position()}"/>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="map" select="exsl:node-set($map-rtf)"/>
  <xsl:key name="m-f" match="m:f" use="@k"/>
  <xsl:key name="m-p" match="m:p" use="@k"/>
  <xsl:key name="m-i" match="m:i" use="@k"/>

  <!-- labels; N of an evidence kind is its place in this list -->
  <xsl:variable name="labels-rtf">
    <m:kind k="answered-escalation">Answered escalations</m:kind>
    <m:kind k="decision-record">Decision records</m:kind>
    <m:kind k="documented-deferral">Documented deferrals</m:kind>
    <m:kind k="manifest">Input manifest</m:kind>
    <m:kind k="remediated-exposure">Remediated exposures</m:kind>
    <m:kind k="respected-notification">Respected notifications</m:kind>
    <m:kind k="signed-policy">Signed policies</m:kind>
    <m:kind k="traced-change">Traced changes</m:kind>
    <m:code k="untraced-change">Untraced change</m:code>
    <m:code k="undocumented-deferral">Undocumented deferral</m:code>
    <m:code k="silent-deferral">Silent deferral</m:code>
    <m:code k="orphaned-escalation">Orphaned escalation</m:code>
    <m:code k="scope-exceeded">Scope exceeded</m:code>
    <m:code k="tier-understated">Tier understated</m:code>
    <m:code k="untested-change">Untested change</m:code>
    <m:code k="no-rollback-plan">No rollback plan</m:code>
    <m:code k="stale-policy">Stale policy</m:code>
    <m:code k="sla-breach">SLA breach</m:code>
    <m:code k="unknown-asset">Unknown asset</m:code>
    <m:code k="incomplete-record">Incomplete record</m:code>
    <m:code k="context-free-severity">Context-free severity</m:code>
    <m:fw k="soc2">SOC 2</m:fw>
    <m:fw k="iso27001">ISO/IEC 27001</m:fw>
    <m:fw k="fedramp">FedRAMP</m:fw>
    <m:fw k="ai-rmf">NIST AI RMF</m:fw>
    <m:status k="exceptions-noted">exceptions noted</m:status>
    <m:status k="evidence-present">evidence present</m:status>
    <m:status k="no-evidence">no evidence</m:status>
    <m:path k="approval">an approval</m:path>
    <m:path k="veto-window">a notification whose veto window passed without a veto</m:path>
    <m:path k="policy">a signed delegation policy</m:path>
  </xsl:variable>
  <xsl:variable name="labels" select="exsl:node-set($labels-rtf)"/>
  <xsl:key name="label" match="m:*" use="concat(local-name(), ' ', @k)"/>

  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>
  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <!-- ASCII punctuation that an OSCAL token cannot hold, ( ) . - _ apart -->
  <xsl:variable name="punct-rtf"> !"#$%&amp;'*+,/:;&lt;=&gt;?@[\]^`{|}~</xsl:variable>
  <xsl:variable name="punct" select="string($punct-rtf)"/>
  <xsl:variable name="dashes" select="'--------------------------------'"/>

  <!-- ============================ helpers ============================ -->

  <xsl:template name="uuid">
    <xsl:param name="type"/>
    <xsl:param name="n" select="1"/>
    <!-- N zero-padded to 12 digits (faster than format-number, called for every uuid) -->
    <xsl:value-of select="concat($d1, '-', $type, '-5', $d2, '-8', $d3, '-', substring(concat('00000000000', $n), string-length($n)))"/>
  </xsl:template>

  <xsl:template name="label">
    <xsl:param name="kind"/>
    <xsl:param name="key"/>
    <xsl:for-each select="$labels">
      <xsl:variable name="l" select="key('label', concat($kind, ' ', $key))"/>
      <xsl:choose>
        <xsl:when test="$l"><xsl:value-of select="$l"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$key"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- a prop in signoff's namespace; nothing when the value is blank (StringDatatype
       wants no leading, trailing or line-breaking white space) -->
  <xsl:template name="prop">
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:param name="class"/>
    <xsl:if test="normalize-space($value) != ''">
      <prop name="{$name}" ns="{$ns}" value="{normalize-space($value)}">
        <xsl:if test="$class != ''"><xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute></xsl:if>
      </prop>
    </xsl:if>
  </xsl:template>

  <!-- "Name (record-id)" for a record id, or the id alone -->
  <xsl:template name="party-label">
    <xsl:param name="rec"/>
    <xsl:for-each select="$pkg">
      <xsl:variable name="pt" select="key('party', $rec)"/>
      <xsl:choose>
        <xsl:when test="normalize-space($pt/@name) != '' and $pt/@name != $rec">
          <xsl:value-of select="concat(normalize-space($pt/@name), ' (', $rec, ')')"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$rec"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- the actor for a record id: party for a human, tool (its component) otherwise;
       nothing for an id that is not among the parties -->
  <xsl:template name="actor">
    <xsl:param name="rec"/>
    <xsl:for-each select="$map">
      <xsl:variable name="e" select="key('m-p', $rec)"/>
      <xsl:choose>
        <xsl:when test="not($e)"/>
        <xsl:when test="$e/@t = 'human'">
          <actor type="party">
            <xsl:attribute name="actor-uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0004'"/><xsl:with-param name="n" select="$e/@n"/></xsl:call-template></xsl:attribute>
          </actor>
        </xsl:when>
        <xsl:otherwise>
          <actor type="tool">
            <xsl:attribute name="actor-uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0005'"/><xsl:with-param name="n" select="$e/@n"/></xsl:call-template></xsl:attribute>
          </actor>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- origin with the agent and, if another record id, the named human. Called with a
       node of package.xml as context (key 'party'); no exsl:node-set of a local fragment
       here: libxslt keeps such a fragment to the end of the transform and walks the
       list of them at every template exit, which made the transform quadratic -->
  <xsl:template name="origin">
    <xsl:param name="agent"/>
    <xsl:param name="by"/>
    <xsl:variable name="a" select="$agent != '' and key('party', $agent)"/>
    <xsl:variable name="b" select="$by != '' and $by != $agent and key('party', $by)"/>
    <xsl:if test="$a or $b">
      <origin>
        <xsl:if test="$a">
          <xsl:call-template name="actor"><xsl:with-param name="rec" select="$agent"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="$b">
          <xsl:call-template name="actor"><xsl:with-param name="rec" select="$by"/></xsl:call-template>
        </xsl:if>
      </origin>
    </xsl:if>
  </xsl:template>

  <!-- the subject reference for the agent of a decision: its component, or its party
       for a human -->
  <xsl:template name="subject">
    <xsl:param name="rec"/>
    <xsl:for-each select="$map">
      <xsl:variable name="e" select="key('m-p', $rec)"/>
      <xsl:choose>
        <xsl:when test="not($e)"/>
        <xsl:when test="$e/@t = 'human'">
          <subject type="party">
            <xsl:attribute name="subject-uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0004'"/><xsl:with-param name="n" select="$e/@n"/></xsl:call-template></xsl:attribute>
          </subject>
        </xsl:when>
        <xsl:otherwise>
          <subject type="component">
            <xsl:attribute name="subject-uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0005'"/><xsl:with-param name="n" select="$e/@n"/></xsl:call-template></xsl:attribute>
          </subject>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- relevant evidence: the record's line in its input file -->
  <xsl:template name="source-evidence">
    <xsl:param name="source"/>
    <xsl:param name="line"/>
    <xsl:for-each select="$map">
      <xsl:variable name="e" select="key('m-i', $source)"/>
      <xsl:if test="$e">
        <relevant-evidence>
          <xsl:attribute name="href">#<xsl:call-template name="uuid"><xsl:with-param name="type" select="'0008'"/><xsl:with-param name="n" select="$e/@n"/></xsl:call-template></xsl:attribute>
          <description>
            <p>Record at line <xsl:value-of select="$line"/> of <xsl:value-of select="$source"/>.</p>
          </description>
        </relevant-evidence>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- "a, b and c" of the values of a node-set -->
  <xsl:template name="join">
    <xsl:param name="items"/>
    <xsl:for-each select="$items">
      <xsl:if test="position() &gt; 1">
        <xsl:choose>
          <xsl:when test="position() = last()"> and </xsl:when>
          <xsl:otherwise>, </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:value-of select="."/>
    </xsl:for-each>
  </xsl:template>

  <!-- an OSCAL token for a framework's control id: NIST SP 800-53 ids as in NIST's
       OSCAL catalog (AC-3(2) is ac-3.2); others prefixed with the framework name, since
       they may start with a digit (ISO 5.3) or hold a space (AI RMF GOVERN 1.3), and so
       that ids of two frameworks in one result cannot meet -->
  <xsl:template name="control-token">
    <xsl:param name="fw"/>
    <xsl:param name="id"/>
    <xsl:variable name="t" select="translate(translate(normalize-space($id), '()', '.'), $punct, $dashes)"/>
    <xsl:choose>
      <xsl:when test="$fw = 'fedramp'">
        <xsl:variable name="l" select="translate($t, $upper, $lower)"/>
        <xsl:choose>
          <xsl:when test="translate(substring($l, 1, 1), concat($lower, '_'), '') = ''"><xsl:value-of select="$l"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('fedramp-', $l)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($fw, '-', $t)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the start of the result: from, or for all time the earliest time in the
       document (to included, so start is never after end). Times sort as text on their
       first 19 characters, then on the fraction ("" before "5"). The earliest of each
       attribute first, one path at a time (a union of large node-sets is quadratic in
       libxml2), then the earliest of those few. -->
  <xsl:template name="earliest">
    <xsl:param name="times"/>
    <xsl:for-each select="$times">
      <xsl:sort select="substring(., 1, 19)"/>
      <xsl:sort select="substring-before(substring-after(., '.'), 'Z')"/>
      <xsl:if test="position() = 1"><m:t><xsl:value-of select="."/></m:t></xsl:if>
    </xsl:for-each>
  </xsl:template>

  <xsl:variable name="start-rtf">
    <xsl:choose>
      <xsl:when test="$run/@from and $run/@all-time != 'true'"><m:t><xsl:value-of select="$run/@from"/></m:t></xsl:when>
      <xsl:otherwise>
        <m:t><xsl:value-of select="$run/@to"/></m:t>
        <xsl:if test="$run/@from"><m:t><xsl:value-of select="$run/@from"/></m:t></xsl:if>
        <xsl:call-template name="earliest"><xsl:with-param name="times" select="$pkg/p:changes/p:change/@at"/></xsl:call-template>
        <xsl:call-template name="earliest"><xsl:with-param name="times" select="$pkg/p:changes/p:change/@t"/></xsl:call-template>
        <xsl:call-template name="earliest"><xsl:with-param name="times" select="$pkg/p:deferrals/p:deferral/@at"/></xsl:call-template>
        <xsl:call-template name="earliest"><xsl:with-param name="times" select="$pkg/p:escalations/p:escalation/@at"/></xsl:call-template>
        <xsl:call-template name="earliest"><xsl:with-param name="times" select="$pkg/p:exposures/p:exposure/@first-seen"/></xsl:call-template>
        <xsl:call-template name="earliest"><xsl:with-param name="times" select="$pkg/p:exposures/p:exposure/@deadline"/></xsl:call-template>
        <xsl:call-template name="earliest"><xsl:with-param name="times" select="$pkg/p:exposures/p:exposure/@remediated-at"/></xsl:call-template>
        <xsl:call-template name="earliest"><xsl:with-param name="times" select="$pkg/p:pending/p:item/@at"/></xsl:call-template>
        <xsl:call-template name="earliest"><xsl:with-param name="times" select="$pkg/p:policies/p:policy/@signed-at"/></xsl:call-template>
        <xsl:call-template name="earliest"><xsl:with-param name="times" select="$pkg/p:policies/p:policy/@review-by"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="start">
    <xsl:call-template name="earliest"><xsl:with-param name="times" select="exsl:node-set($start-rtf)/m:t"/></xsl:call-template>
  </xsl:variable>

  <xsl:variable name="org" select="normalize-space($run/@organization)"/>

  <!-- ============================ document ============================ -->

  <xsl:template match="/">
    <xsl:apply-templates select="p:package"/>
  </xsl:template>

  <xsl:template match="p:package">
    <assessment-results>
      <xsl:attribute name="uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0001'"/></xsl:call-template></xsl:attribute>
      <xsl:call-template name="metadata"/>
      <import-ap>
        <xsl:attribute name="href">#<xsl:call-template name="uuid"><xsl:with-param name="type" select="'0007'"/></xsl:call-template></xsl:attribute>
        <remarks>
          <p>There is no separate OSCAL assessment plan: the back-matter resource this points to describes the method, signoff's rules applied with the settings and framework mappings of this run.</p>
        </remarks>
      </import-ap>
      <xsl:call-template name="result"/>
      <xsl:call-template name="back-matter"/>
    </assessment-results>
  </xsl:template>

  <!-- ============================ metadata ============================ -->

  <xsl:template name="metadata">
    <metadata>
      <title>
        <xsl:text>signoff evidence package: </xsl:text>
        <xsl:if test="$org != ''"><xsl:value-of select="concat($org, ', ')"/></xsl:if>
        <xsl:value-of select="$run/@period"/>
      </title>
      <last-modified><xsl:value-of select="$run/@to"/></last-modified>
      <version><xsl:value-of select="normalize-space($run/@tool-version)"/></version>
      <oscal-version>1.1.3</oscal-version>
      <xsl:call-template name="prop"><xsl:with-param name="name" select="'input-digest'"/><xsl:with-param name="value" select="$digest"/></xsl:call-template>
      <xsl:call-template name="prop"><xsl:with-param name="name" select="'period'"/><xsl:with-param name="value" select="$run/@period"/></xsl:call-template>
      <xsl:call-template name="prop"><xsl:with-param name="name" select="'all-time'"/><xsl:with-param name="value" select="$run/@all-time"/></xsl:call-template>
      <xsl:call-template name="prop"><xsl:with-param name="name" select="'tool'"/><xsl:with-param name="value" select="concat($run/@tool, ' ', $run/@tool-version)"/></xsl:call-template>
      <xsl:if test="$org != ''">
        <party type="organization">
          <xsl:attribute name="uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0003'"/></xsl:call-template></xsl:attribute>
          <name><xsl:value-of select="$org"/></name>
        </party>
      </xsl:if>
      <xsl:for-each select="p:parties/p:party">
        <xsl:if test="@type = 'human'">
          <party type="person">
            <xsl:attribute name="uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0004'"/><xsl:with-param name="n" select="position()"/></xsl:call-template></xsl:attribute>
            <name>
              <xsl:choose>
                <xsl:when test="normalize-space(@name) != ''"><xsl:value-of select="normalize-space(@name)"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="normalize-space(@party)"/></xsl:otherwise>
              </xsl:choose>
            </name>
            <xsl:if test="normalize-space(@party) != ''">
              <short-name><xsl:value-of select="normalize-space(@party)"/></short-name>
            </xsl:if>
            <xsl:call-template name="prop"><xsl:with-param name="name" select="'record'"/><xsl:with-param name="value" select="@record"/></xsl:call-template>
          </party>
        </xsl:if>
      </xsl:for-each>
    </metadata>
  </xsl:template>

  <!-- ============================ result ============================ -->

  <xsl:template name="result">
    <xsl:variable name="s" select="p:summary"/>
    <result>
      <xsl:attribute name="uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0002'"/></xsl:call-template></xsl:attribute>
      <title>
        <xsl:text>signoff assessment</xsl:text>
        <xsl:if test="$org != ''"><xsl:value-of select="concat(' of ', $org)"/></xsl:if>
        <xsl:value-of select="concat(', ', $run/@period)"/>
      </title>
      <description>
        <p>
          <xsl:value-of select="concat('Every agent decision judged in the period, traced to a named human (SPEC §4). Changes: ', $s/@changes, ', of which ', $s/@traced, ' traced and ', $s/@untraced, ' untraced; production changes: ', $s/@production-changes, ', of which ', $s/@production-traced, ' traced. Deferrals: ', $s/@deferrals, ' (', $s/@documented, ' documented, ', $s/@undocumented, ' undocumented). Escalations: ', $s/@escalations, ' (', $s/@answered, ' answered, ', $s/@orphaned, ' orphaned). Still pending at the end of the period: ', $s/@pending, '. Overdue exposures: ', $s/@exposures-overdue, ' (', $s/@silent-deferrals, ' silent deferrals, ', $s/@sla-breaches, ' SLA breaches, ', $s/@excused, ' excused). Findings: ', $s/@findings, ' (', $s/@high, ' high, ', $s/@medium, ' medium, ', $s/@low, ' low).')"/>
        </p>
        <xsl:if test="$run/@all-time = 'true' or not($run/@from)">
          <p>The period is all time; the start is the earliest time in the package.</p>
        </xsl:if>
      </description>
      <start><xsl:value-of select="$start"/></start>
      <end><xsl:value-of select="$run/@to"/></end>
      <xsl:for-each select="$s/@*">
        <xsl:call-template name="prop"><xsl:with-param name="name" select="local-name()"/><xsl:with-param name="value" select="."/><xsl:with-param name="class" select="'summary'"/></xsl:call-template>
      </xsl:for-each>
      <local-definitions>
        <assessment-assets>
          <xsl:for-each select="p:parties/p:party">
            <xsl:if test="@type != 'human'">
              <component type="software">
                <xsl:attribute name="uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0005'"/><xsl:with-param name="n" select="position()"/></xsl:call-template></xsl:attribute>
                <title>
                  <xsl:call-template name="party-label"><xsl:with-param name="rec" select="@party"/></xsl:call-template>
                </title>
                <description>
                  <p>
                    <xsl:value-of select="concat('A party of type ', @type, ' (record: ', @record, ') whose decisions signoff judged; observations of its decisions name it as their origin, an actor of type tool.')"/>
                  </p>
                </description>
                <xsl:call-template name="prop"><xsl:with-param name="name" select="'party'"/><xsl:with-param name="value" select="@party"/></xsl:call-template>
                <xsl:call-template name="prop"><xsl:with-param name="name" select="'party-type'"/><xsl:with-param name="value" select="@type"/></xsl:call-template>
                <xsl:call-template name="prop"><xsl:with-param name="name" select="'record'"/><xsl:with-param name="value" select="@record"/></xsl:call-template>
                <status state="operational"/>
              </component>
            </xsl:if>
          </xsl:for-each>
          <assessment-platform>
            <xsl:attribute name="uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0006'"/></xsl:call-template></xsl:attribute>
            <title><xsl:value-of select="concat($run/@tool, ' ', $run/@tool-version)"/></title>
          </assessment-platform>
        </assessment-assets>
      </local-definitions>
      <reviewed-controls>
        <xsl:for-each select="p:frameworks/p:framework[p:control]">
          <control-selection>
            <description>
              <p>
                <xsl:value-of select="concat(@title, ', ', @edition)"/>
                <xsl:if test="@baseline"><xsl:value-of select="concat(', ', @baseline, ' baseline')"/></xsl:if>
                <xsl:text>: the controls signoff maps its findings and evidence to.</xsl:text>
              </p>
            </description>
            <xsl:call-template name="prop"><xsl:with-param name="name" select="'framework'"/><xsl:with-param name="value" select="@name"/></xsl:call-template>
            <xsl:call-template name="prop"><xsl:with-param name="name" select="'baseline'"/><xsl:with-param name="value" select="@baseline"/></xsl:call-template>
            <xsl:for-each select="p:control">
              <include-control>
                <xsl:attribute name="control-id"><xsl:call-template name="control-token"><xsl:with-param name="fw" select="../@name"/><xsl:with-param name="id" select="@control-id"/></xsl:call-template></xsl:attribute>
              </include-control>
            </xsl:for-each>
          </control-selection>
        </xsl:for-each>
        <xsl:if test="not(p:frameworks/p:framework/p:control)">
          <control-selection>
            <description>
              <p>The package maps no controls (no framework was selected, or none of its controls is in the baseline).</p>
            </description>
            <include-all/>
          </control-selection>
        </xsl:if>
      </reviewed-controls>

      <!-- evidence: decisions, N over the three sections in order (d-N). One path per
           section, never a union: libxml2 merges node-sets in time quadratic in their
           sizes -->
      <xsl:variable name="nchanges" select="count(p:changes/p:change)"/>
      <xsl:variable name="ndeferrals" select="count(p:deferrals/p:deferral)"/>
      <xsl:for-each select="p:changes/p:change">
        <xsl:if test="@verdict = 'traced'">
          <xsl:apply-templates select="." mode="evidence"><xsl:with-param name="n" select="position()"/></xsl:apply-templates>
        </xsl:if>
      </xsl:for-each>
      <xsl:for-each select="p:deferrals/p:deferral">
        <xsl:if test="@state = 'documented'">
          <xsl:apply-templates select="." mode="evidence"><xsl:with-param name="n" select="$nchanges + position()"/></xsl:apply-templates>
        </xsl:if>
      </xsl:for-each>
      <xsl:for-each select="p:escalations/p:escalation">
        <xsl:if test="@state = 'answered'">
          <xsl:apply-templates select="." mode="evidence"><xsl:with-param name="n" select="$nchanges + $ndeferrals + position()"/></xsl:apply-templates>
        </xsl:if>
      </xsl:for-each>

      <!-- evidence: one per kind that counts -->
      <xsl:for-each select="$labels/m:kind">
        <xsl:variable name="k" select="@k"/>
        <xsl:variable name="n" select="position()"/>
        <xsl:variable name="title" select="string(.)"/>
        <xsl:for-each select="$pkg">
          <xsl:variable name="ev" select="key('evidence', $k)[1]"/>
          <xsl:if test="$ev and $ev/@count &gt; 0">
            <xsl:call-template name="kind-observation">
              <xsl:with-param name="k" select="$k"/>
              <xsl:with-param name="n" select="$n"/>
              <xsl:with-param name="title" select="$title"/>
              <xsl:with-param name="count" select="$ev/@count"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:for-each>
      </xsl:for-each>

      <!-- exceptions: one per package finding -->
      <xsl:for-each select="p:findings/p:finding">
        <xsl:apply-templates select="." mode="observation">
          <xsl:with-param name="n" select="position()"/>
        </xsl:apply-templates>
      </xsl:for-each>

      <xsl:for-each select="p:findings/p:finding">
        <xsl:if test="@code = 'undocumented-deferral' or @code = 'silent-deferral'">
          <xsl:apply-templates select="." mode="risk">
            <xsl:with-param name="n" select="position()"/>
          </xsl:apply-templates>
        </xsl:if>
      </xsl:for-each>

      <xsl:for-each select="p:frameworks/p:framework/p:control">
        <xsl:apply-templates select="." mode="finding">
          <xsl:with-param name="n" select="position()"/>
        </xsl:apply-templates>
      </xsl:for-each>

      <xsl:if test="p:pending/p:item">
        <remarks>
          <p>Deferrals and escalations still pending at the end of the period:</p>
          <ul>
            <xsl:for-each select="p:pending/p:item">
              <li><xsl:value-of select="concat(@kind, ' ', @decision, ', made ', @at, ', due ', @due)"/></li>
            </xsl:for-each>
          </ul>
        </remarks>
      </xsl:if>
    </result>
  </xsl:template>

  <!-- ============================ observations ============================ -->

  <!-- the facts of a judged decision, one sentence -->
  <xsl:template name="decision-sentence">
    <xsl:param name="d"/>
    <xsl:variable name="agent"><xsl:call-template name="party-label"><xsl:with-param name="rec" select="$d/@agent"/></xsl:call-template></xsl:variable>
    <xsl:variable name="targets"><xsl:call-template name="join"><xsl:with-param name="items" select="$d/p:target/@asset"/></xsl:call-template></xsl:variable>
    <xsl:variable name="vulns"><xsl:call-template name="join"><xsl:with-param name="items" select="$d/p:vuln/@id"/></xsl:call-template></xsl:variable>
    <xsl:value-of select="concat($agent, ' ')"/>
    <xsl:choose>
      <xsl:when test="$d/self::p:change"><xsl:value-of select="concat('performed the action ', $d/@action)"/></xsl:when>
      <xsl:when test="$d/self::p:deferral">deferred a fix</xsl:when>
      <xsl:otherwise>escalated a decision</xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$targets != ''"><xsl:value-of select="concat(' on ', $targets)"/></xsl:if>
    <xsl:if test="$vulns != ''"><xsl:value-of select="concat(' for ', $vulns)"/></xsl:if>
    <xsl:value-of select="concat(' at ', $d/@at, ' (decision ', $d/@decision, ')')"/>
    <xsl:if test="$d/self::p:change">
      <xsl:value-of select="concat('; judged at ', $d/@t, ', requiring tier ', $d/@required-tier)"/>
      <xsl:if test="$d/@production = 'true'">, in production</xsl:if>
    </xsl:if>
    <xsl:if test="$d/@due"><xsl:value-of select="concat('; due ', $d/@due)"/></xsl:if>
    <xsl:text>.</xsl:text>
  </xsl:template>

  <xsl:template name="by-sentence">
    <xsl:param name="d"/>
    <xsl:if test="$d/@by">
      <xsl:variable name="by"><xsl:call-template name="party-label"><xsl:with-param name="rec" select="$d/@by"/></xsl:call-template></xsl:variable>
      <xsl:choose>
        <xsl:when test="$d/self::p:change">
          <xsl:text>Traced through </xsl:text>
          <xsl:call-template name="label"><xsl:with-param name="kind" select="'path'"/><xsl:with-param name="key" select="$d/@path"/></xsl:call-template>
          <xsl:if test="$d/@via"><xsl:value-of select="concat(' (', $d/@via, ')')"/></xsl:if>
          <xsl:value-of select="concat(' to the named human ', $by, '.')"/>
        </xsl:when>
        <xsl:when test="$d/self::p:deferral">
          <xsl:value-of select="concat('Its residual risk was accepted by ', $by)"/>
          <xsl:if test="$d/@via"><xsl:value-of select="concat(' through ', $d/@via)"/></xsl:if>
          <xsl:text>.</xsl:text>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="concat('Answered by ', $by)"/>
          <xsl:if test="$d/@via"><xsl:value-of select="concat(' through ', $d/@via)"/></xsl:if>
          <xsl:text>.</xsl:text>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- the few props a tool filters on; the rest of the record is in the description
       and in package.xml (each prop costs: a million of them at 100 000 decisions
       doubled the transform's time) -->
  <xsl:template name="decision-props">
    <xsl:param name="d"/>
    <xsl:call-template name="prop"><xsl:with-param name="name" select="'decision'"/><xsl:with-param name="value" select="$d/@decision"/></xsl:call-template>
    <xsl:call-template name="prop"><xsl:with-param name="name" select="'agent'"/><xsl:with-param name="value" select="$d/@agent"/></xsl:call-template>
    <xsl:call-template name="prop"><xsl:with-param name="name" select="'by'"/><xsl:with-param name="value" select="$d/@by"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="p:change | p:deferral | p:escalation" mode="evidence">
    <xsl:param name="n"/>
    <xsl:variable name="kind">
      <xsl:choose>
        <xsl:when test="self::p:change">traced-change</xsl:when>
        <xsl:when test="self::p:deferral">documented-deferral</xsl:when>
        <xsl:otherwise>answered-escalation</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <observation>
      <xsl:attribute name="uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0010'"/><xsl:with-param name="n" select="$n"/></xsl:call-template></xsl:attribute>
      <title>
        <xsl:choose>
          <xsl:when test="self::p:change">Traced change </xsl:when>
          <xsl:when test="self::p:deferral">Documented deferral </xsl:when>
          <xsl:otherwise>Answered escalation </xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="@decision"/>
      </title>
      <description>
        <p><xsl:call-template name="decision-sentence"><xsl:with-param name="d" select="."/></xsl:call-template></p>
        <p><xsl:call-template name="by-sentence"><xsl:with-param name="d" select="."/></xsl:call-template></p>
      </description>
      <xsl:call-template name="prop"><xsl:with-param name="name" select="'evidence-kind'"/><xsl:with-param name="value" select="$kind"/></xsl:call-template>
      <xsl:call-template name="decision-props"><xsl:with-param name="d" select="."/></xsl:call-template>
      <method>EXAMINE</method>
      <type>control-objective</type>
      <xsl:call-template name="origin"><xsl:with-param name="agent" select="string(@agent)"/><xsl:with-param name="by" select="string(@by)"/></xsl:call-template>
      <xsl:call-template name="subject"><xsl:with-param name="rec" select="@agent"/></xsl:call-template>
      <xsl:call-template name="source-evidence"><xsl:with-param name="source" select="@source"/><xsl:with-param name="line" select="@line"/></xsl:call-template>
      <collected><xsl:value-of select="@at"/></collected>
    </observation>
  </xsl:template>

  <xsl:template name="kind-observation">
    <xsl:param name="k"/>
    <xsl:param name="n"/>
    <xsl:param name="title"/>
    <xsl:param name="count"/>
    <observation>
      <xsl:attribute name="uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0012'"/><xsl:with-param name="n" select="$n"/></xsl:call-template></xsl:attribute>
      <title><xsl:value-of select="concat($title, ': ', $count)"/></title>
      <description>
        <p>
          <xsl:value-of select="concat('signoff counted ', $count, ' item(s) of evidence of the kind ', $k, ' in the period.')"/>
          <xsl:if test="$k = 'traced-change' or $k = 'documented-deferral' or $k = 'answered-escalation'">
            <xsl:value-of select="concat(' Each is an observation of its own, with the prop evidence-kind = ', $k, '.')"/>
          </xsl:if>
          <xsl:if test="$k = 'manifest'"> The manifest (manifest.json) lists the SHA-256, size and record count of every input file; the input files are back-matter resources of this document.</xsl:if>
        </p>
        <xsl:if test="$k = 'signed-policy' and p:policies/p:policy">
          <ul>
            <xsl:for-each select="p:policies/p:policy">
              <li>
                <xsl:value-of select="concat(@policy, ' version ', @version)"/>
                <xsl:if test="@title"><xsl:value-of select="concat(' (', normalize-space(@title), ')')"/></xsl:if>
                <xsl:if test="@signed-by">
                  <xsl:text>: signed by </xsl:text>
                  <xsl:call-template name="party-label"><xsl:with-param name="rec" select="@signed-by"/></xsl:call-template>
                </xsl:if>
                <xsl:if test="@signed-at"><xsl:value-of select="concat(' at ', @signed-at)"/></xsl:if>
                <xsl:if test="@review-by"><xsl:value-of select="concat(', review by ', @review-by)"/></xsl:if>
                <xsl:value-of select="concat('; cited by ', @cited, ' decision(s)')"/>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </description>
      <xsl:call-template name="prop"><xsl:with-param name="name" select="'evidence-kind'"/><xsl:with-param name="value" select="$k"/></xsl:call-template>
      <xsl:call-template name="prop"><xsl:with-param name="name" select="'count'"/><xsl:with-param name="value" select="$count"/></xsl:call-template>
      <method>EXAMINE</method>
      <type>control-objective</type>
      <origin>
        <actor type="assessment-platform">
          <xsl:attribute name="actor-uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0006'"/></xsl:call-template></xsl:attribute>
        </actor>
      </origin>
      <xsl:if test="$k = 'manifest'">
        <relevant-evidence>
          <xsl:attribute name="href">#<xsl:call-template name="uuid"><xsl:with-param name="type" select="'0009'"/><xsl:with-param name="n" select="2"/></xsl:call-template></xsl:attribute>
          <description><p>manifest.json in this package.</p></description>
        </relevant-evidence>
      </xsl:if>
      <collected><xsl:value-of select="$run/@to"/></collected>
    </observation>
  </xsl:template>

  <xsl:template match="p:finding" mode="observation">
    <xsl:param name="n"/>
    <xsl:variable name="d" select="key('change', @decision-ref) | key('deferral', @decision-ref) | key('escalation', @decision-ref)"/>
    <xsl:variable name="x" select="key('exposure', @exposure-ref)"/>
    <xsl:variable name="label"><xsl:call-template name="label"><xsl:with-param name="kind" select="'code'"/><xsl:with-param name="key" select="@code"/></xsl:call-template></xsl:variable>
    <observation>
      <xsl:attribute name="uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0011'"/><xsl:with-param name="n" select="$n"/></xsl:call-template></xsl:attribute>
      <title><xsl:value-of select="concat($label, ': ', @subject)"/></title>
      <description>
        <p>
          <xsl:value-of select="concat('signoff finding ', @code, ' (severity ', @severity, ') on ', @subject)"/>
          <xsl:if test="p:reason">
            <xsl:text>: </xsl:text>
            <xsl:call-template name="join"><xsl:with-param name="items" select="p:reason"/></xsl:call-template>
          </xsl:if>
          <xsl:text>.</xsl:text>
        </p>
        <xsl:if test="$d">
          <p><xsl:call-template name="decision-sentence"><xsl:with-param name="d" select="$d"/></xsl:call-template></p>
          <xsl:if test="$d/p:reason">
            <p>
              <xsl:text>Reasons: </xsl:text>
              <xsl:call-template name="join"><xsl:with-param name="items" select="$d/p:reason/@code"/></xsl:call-template>
              <xsl:text>.</xsl:text>
            </p>
          </xsl:if>
        </xsl:if>
        <xsl:if test="$x">
          <p><xsl:call-template name="exposure-sentence"><xsl:with-param name="x" select="$x"/></xsl:call-template></p>
        </xsl:if>
      </description>
      <xsl:call-template name="prop"><xsl:with-param name="name" select="'finding-code'"/><xsl:with-param name="value" select="@code"/></xsl:call-template>
      <xsl:call-template name="prop"><xsl:with-param name="name" select="'severity'"/><xsl:with-param name="value" select="@severity"/></xsl:call-template>
      <xsl:call-template name="prop"><xsl:with-param name="name" select="'subject'"/><xsl:with-param name="value" select="@subject"/></xsl:call-template>
      <xsl:if test="$d">
        <xsl:call-template name="decision-props"><xsl:with-param name="d" select="$d"/></xsl:call-template>
      </xsl:if>
      <method>EXAMINE</method>
      <type>finding</type>
      <xsl:choose>
        <xsl:when test="$d">
          <xsl:call-template name="origin"><xsl:with-param name="agent" select="string($d/@agent)"/><xsl:with-param name="by" select="string($d/@by)"/></xsl:call-template>
          <xsl:call-template name="subject"><xsl:with-param name="rec" select="$d/@agent"/></xsl:call-template>
          <xsl:call-template name="source-evidence"><xsl:with-param name="source" select="$d/@source"/><xsl:with-param name="line" select="$d/@line"/></xsl:call-template>
          <collected><xsl:value-of select="$d/@at"/></collected>
        </xsl:when>
        <xsl:when test="$x">
          <xsl:call-template name="origin"><xsl:with-param name="agent" select="''"/><xsl:with-param name="by" select="string($x/@by)"/></xsl:call-template>
          <collected><xsl:value-of select="$x/@deadline"/></collected>
        </xsl:when>
        <xsl:otherwise>
          <collected><xsl:value-of select="$run/@to"/></collected>
        </xsl:otherwise>
      </xsl:choose>
    </observation>
  </xsl:template>

  <xsl:template name="exposure-sentence">
    <xsl:param name="x"/>
    <xsl:value-of select="concat('Exposure ', $x/@exposure, ': ', $x/@vuln, ' on ', $x/@asset, ', first seen ', $x/@first-seen, ', remediation deadline ', $x/@deadline)"/>
    <xsl:choose>
      <xsl:when test="$x/@remediated-at"><xsl:value-of select="concat(', remediated ', $x/@remediated-at)"/></xsl:when>
      <xsl:otherwise>, not remediated</xsl:otherwise>
    </xsl:choose>
    <xsl:choose>
      <xsl:when test="$x/@state = 'silent-deferral'">; no decision deferred it: a silent deferral.</xsl:when>
      <xsl:when test="$x/@state = 'sla-breach'">; remediated or deferred after its deadline: an SLA breach.</xsl:when>
      <xsl:otherwise>
        <xsl:text>; excused</xsl:text>
        <xsl:if test="$x/@by">
          <xsl:text> by </xsl:text>
          <xsl:call-template name="party-label"><xsl:with-param name="rec" select="$x/@by"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="$x/@via"><xsl:value-of select="concat(' (', $x/@via, ')')"/></xsl:if>
        <xsl:text>.</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================ risks ============================ -->

  <xsl:template match="p:finding" mode="risk">
    <xsl:param name="n"/>
    <xsl:variable name="d" select="key('change', @decision-ref) | key('deferral', @decision-ref) | key('escalation', @decision-ref)"/>
    <xsl:variable name="x" select="key('exposure', @exposure-ref)"/>
    <risk>
      <xsl:attribute name="uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0014'"/><xsl:with-param name="n" select="$n"/></xsl:call-template></xsl:attribute>
      <xsl:choose>
        <xsl:when test="@code = 'undocumented-deferral'">
          <title><xsl:value-of select="concat('Undocumented deferral: decision ', @subject)"/></title>
          <description>
            <xsl:choose>
              <xsl:when test="$d">
                <p><xsl:call-template name="decision-sentence"><xsl:with-param name="d" select="$d"/></xsl:call-template></p>
              </xsl:when>
              <xsl:otherwise><p><xsl:value-of select="concat('Decision ', @subject, ' deferred a fix.')"/></p></xsl:otherwise>
            </xsl:choose>
            <p>
              <xsl:text>No valid risk acceptance by a named human documents it</xsl:text>
              <xsl:if test="p:reason">
                <xsl:text> (</xsl:text>
                <xsl:call-template name="join"><xsl:with-param name="items" select="p:reason"/></xsl:call-template>
                <xsl:text>)</xsl:text>
              </xsl:if>
              <xsl:text>.</xsl:text>
            </p>
          </description>
          <statement>
            <p>A known vulnerability stays unremediated on the strength of an agent's decision alone: nobody accountable accepted the residual risk.</p>
          </statement>
        </xsl:when>
        <xsl:otherwise>
          <title><xsl:value-of select="concat('Silent deferral: exposure ', @subject)"/></title>
          <description>
            <xsl:choose>
              <xsl:when test="$x">
                <p><xsl:call-template name="exposure-sentence"><xsl:with-param name="x" select="$x"/></xsl:call-template></p>
              </xsl:when>
              <xsl:otherwise><p><xsl:value-of select="concat('Exposure ', @subject, ' passed its remediation deadline.')"/></p></xsl:otherwise>
            </xsl:choose>
          </description>
          <statement>
            <p>A known vulnerability passed its remediation deadline with no decision to defer it and no risk acceptance: the deferral happened by default, without anyone deciding it.</p>
          </statement>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="prop"><xsl:with-param name="name" select="'finding-code'"/><xsl:with-param name="value" select="@code"/></xsl:call-template>
      <xsl:call-template name="prop"><xsl:with-param name="name" select="'severity'"/><xsl:with-param name="value" select="@severity"/></xsl:call-template>
      <xsl:call-template name="prop"><xsl:with-param name="name" select="'subject'"/><xsl:with-param name="value" select="@subject"/></xsl:call-template>
      <status>open</status>
      <xsl:if test="$d">
        <xsl:call-template name="origin"><xsl:with-param name="agent" select="string($d/@agent)"/><xsl:with-param name="by" select="''"/></xsl:call-template>
      </xsl:if>
      <related-observation>
        <xsl:attribute name="observation-uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0011'"/><xsl:with-param name="n" select="$n"/></xsl:call-template></xsl:attribute>
      </related-observation>
    </risk>
  </xsl:template>

  <!-- ============================ findings ============================ -->

  <xsl:template match="p:control" mode="finding">
    <xsl:param name="n"/>
    <xsl:variable name="fw" select=".."/>
    <xsl:variable name="fwl"><xsl:call-template name="label"><xsl:with-param name="kind" select="'fw'"/><xsl:with-param name="key" select="$fw/@name"/></xsl:call-template></xsl:variable>
    <xsl:variable name="status"><xsl:call-template name="label"><xsl:with-param name="kind" select="'status'"/><xsl:with-param name="key" select="@status"/></xsl:call-template></xsl:variable>
    <finding>
      <xsl:attribute name="uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0013'"/><xsl:with-param name="n" select="$n"/></xsl:call-template></xsl:attribute>
      <title><xsl:value-of select="concat($fwl, ' ', @control-id, ': ', normalize-space(@title))"/></title>
      <description>
        <p>
          <xsl:value-of select="concat('Status: ', $status, '. Relationship of what signoff tests to the control (NIST IR 8477): ', @relationship, '.')"/>
        </p>
        <xsl:if test="normalize-space(p:rationale) != ''">
          <p><xsl:value-of select="p:rationale"/></p>
        </xsl:if>
        <xsl:if test="p:exception | p:evidence">
          <ul>
            <xsl:for-each select="p:exception">
              <li>
                <xsl:text>Exceptions, </xsl:text>
                <xsl:call-template name="label"><xsl:with-param name="kind" select="'code'"/><xsl:with-param name="key" select="@code"/></xsl:call-template>
                <xsl:value-of select="concat(': ', @count)"/>
              </li>
            </xsl:for-each>
            <xsl:for-each select="p:evidence">
              <li>
                <xsl:text>Evidence, </xsl:text>
                <xsl:call-template name="label"><xsl:with-param name="kind" select="'kind'"/><xsl:with-param name="key" select="@kind"/></xsl:call-template>
                <xsl:value-of select="concat(': ', @count)"/>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </description>
      <xsl:call-template name="prop"><xsl:with-param name="name" select="'framework'"/><xsl:with-param name="value" select="$fw/@name"/></xsl:call-template>
      <xsl:call-template name="prop"><xsl:with-param name="name" select="'control-id'"/><xsl:with-param name="value" select="@control-id"/></xsl:call-template>
      <xsl:call-template name="prop"><xsl:with-param name="name" select="'relationship'"/><xsl:with-param name="value" select="@relationship"/></xsl:call-template>
      <xsl:call-template name="prop"><xsl:with-param name="name" select="'control-status'"/><xsl:with-param name="value" select="@status"/></xsl:call-template>
      <origin>
        <actor type="assessment-platform">
          <xsl:attribute name="actor-uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0006'"/></xsl:call-template></xsl:attribute>
        </actor>
      </origin>
      <target type="objective-id">
        <xsl:attribute name="target-id"><xsl:call-template name="control-token"><xsl:with-param name="fw" select="$fw/@name"/><xsl:with-param name="id" select="@control-id"/></xsl:call-template></xsl:attribute>
        <title><xsl:value-of select="concat($fwl, ' ', @control-id)"/></title>
        <xsl:choose>
          <xsl:when test="@status = 'exceptions-noted'">
            <status state="not-satisfied" reason="fail"/>
          </xsl:when>
          <xsl:when test="@status = 'evidence-present'">
            <status state="satisfied" reason="pass"/>
          </xsl:when>
          <xsl:otherwise>
            <!-- no evidence is no assurance: not satisfied, for want of evidence -->
            <status state="not-satisfied" reason="other">
              <remarks><p>No evidence: no exception was found, but signoff saw nothing in the period that bears on this control, so it cannot be called satisfied.</p></remarks>
            </status>
          </xsl:otherwise>
        </xsl:choose>
      </target>
      <!-- evidence kinds that count -->
      <xsl:for-each select="p:evidence[@count &gt; 0]">
        <xsl:variable name="k" select="@kind"/>
        <xsl:for-each select="$labels/m:kind">
          <xsl:if test="@k = $k">
            <related-observation>
              <xsl:attribute name="observation-uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0012'"/><xsl:with-param name="n" select="position()"/></xsl:call-template></xsl:attribute>
            </related-observation>
          </xsl:if>
        </xsl:for-each>
      </xsl:for-each>
      <!-- its exceptions, then the risks among them -->
      <xsl:for-each select="p:finding-ref">
        <xsl:variable name="r" select="string(@ref)"/>
        <xsl:for-each select="$map">
          <xsl:variable name="e" select="key('m-f', $r)"/>
          <xsl:if test="$e">
            <related-observation>
              <xsl:attribute name="observation-uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0011'"/><xsl:with-param name="n" select="$e/@n"/></xsl:call-template></xsl:attribute>
            </related-observation>
          </xsl:if>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:for-each select="p:finding-ref">
        <xsl:variable name="r" select="string(@ref)"/>
        <xsl:for-each select="$map">
          <xsl:variable name="e" select="key('m-f', $r)"/>
          <xsl:if test="$e/@code = 'undocumented-deferral' or $e/@code = 'silent-deferral'">
            <associated-risk>
              <xsl:attribute name="risk-uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0014'"/><xsl:with-param name="n" select="$e/@n"/></xsl:call-template></xsl:attribute>
            </associated-risk>
          </xsl:if>
        </xsl:for-each>
      </xsl:for-each>
    </finding>
  </xsl:template>

  <!-- ============================ back matter ============================ -->

  <xsl:template name="back-matter">
    <back-matter>
      <resource>
        <xsl:attribute name="uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0007'"/></xsl:call-template></xsl:attribute>
        <title>signoff assessment method (no separate assessment plan)</title>
        <description>
          <p>
            <xsl:value-of select="concat('signoff ', $run/@tool-version, ' judged every agent decision of the period by its rules (trace test, deferrals, escalations, exposures), mapped its findings and evidence to the controls of the selected frameworks, and wrote package.xml; this document was produced from it. Settings in force:')"/>
          </p>
          <ul>
            <xsl:for-each select="$run/p:settings/p:setting">
              <li><xsl:value-of select="concat(@name, ' = ', @value)"/></li>
            </xsl:for-each>
            <xsl:for-each select="$run/p:settings/p:tier">
              <li><xsl:value-of select="concat('tier of ', @criticality, ' assets in ', @environment, ' = ', @tier)"/></li>
            </xsl:for-each>
            <xsl:for-each select="$run/p:settings/p:tier-default">
              <li><xsl:value-of select="concat('default tier = ', @tier)"/></li>
            </xsl:for-each>
            <xsl:for-each select="$run/p:settings/p:remediation-sla">
              <li><xsl:value-of select="concat('remediation SLA for ', @severity, ' vulnerabilities = ', @duration)"/></li>
            </xsl:for-each>
          </ul>
        </description>
      </resource>
      <resource>
        <xsl:attribute name="uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0009'"/><xsl:with-param name="n" select="1"/></xsl:call-template></xsl:attribute>
        <title>package.xml</title>
        <description>
          <p><xsl:value-of select="concat('The evidence package document this OSCAL document was produced from (input digest ', $digest, ').')"/></p>
        </description>
        <rlink href="package.xml" media-type="application/xml"/>
      </resource>
      <resource>
        <xsl:attribute name="uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0009'"/><xsl:with-param name="n" select="2"/></xsl:call-template></xsl:attribute>
        <title>manifest.json</title>
        <description>
          <p>The package manifest: SHA-256, size and record count of every input file, the settings, the period, the tool version, and SHA-256 and size of every output file.</p>
        </description>
        <rlink href="manifest.json" media-type="application/json"/>
      </resource>
      <xsl:for-each select="$run/p:inputs/p:input">
        <resource>
          <xsl:attribute name="uuid"><xsl:call-template name="uuid"><xsl:with-param name="type" select="'0008'"/><xsl:with-param name="n" select="position()"/></xsl:call-template></xsl:attribute>
          <title><xsl:value-of select="@path"/></title>
          <description>
            <p><xsl:value-of select="concat('Input file ', @path, ': ', @records, ' record(s), ', @size, ' byte(s), SHA-256 ', @sha256, '.')"/></p>
          </description>
          <xsl:call-template name="prop"><xsl:with-param name="name" select="'path'"/><xsl:with-param name="value" select="@path"/></xsl:call-template>
          <xsl:call-template name="prop"><xsl:with-param name="name" select="'sha256'"/><xsl:with-param name="value" select="@sha256"/></xsl:call-template>
          <xsl:call-template name="prop"><xsl:with-param name="name" select="'size'"/><xsl:with-param name="value" select="@size"/></xsl:call-template>
          <xsl:call-template name="prop"><xsl:with-param name="name" select="'records'"/><xsl:with-param name="value" select="@records"/></xsl:call-template>
        </resource>
      </xsl:for-each>
    </back-matter>
  </xsl:template>

</xsl:stylesheet>
