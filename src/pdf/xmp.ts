import type { PdfMetadata } from './finish.js';

/**
 * The XMP metadata packet of a PDF: the PDF/UA-1 identifier, Dublin Core title, author,
 * description and language, and the same dates and keywords as the document information. Pure and
 * without time stamps or ids of its own, so the same input gives the same bytes.
 */
export function xmpPacket(meta: PdfMetadata): string {
  const date = meta.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const lang = escapeXml(meta.language);
  const alt = (value: string): string => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(value)}</rdf:li><rdf:li xml:lang="${lang}">${escapeXml(value)}</rdf:li></rdf:Alt>`;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdfuaid:part>1</pdfuaid:part>
<dc:format>application/pdf</dc:format>
<dc:title>${alt(meta.title)}</dc:title>
${meta.author ? `<dc:creator><rdf:Seq><rdf:li>${escapeXml(meta.author)}</rdf:li></rdf:Seq></dc:creator>\n` : ''}<dc:description>${alt(meta.subject)}</dc:description>
<dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>${escapeXml(meta.keywords.join(meta.keywordSeparator))}</pdf:Keywords>
<pdf:Producer>${escapeXml(meta.creator)}</pdf:Producer>
<xmp:CreatorTool>${escapeXml(meta.creator)}</xmp:CreatorTool>
<xmp:CreateDate>${date}</xmp:CreateDate>
<xmp:ModifyDate>${date}</xmp:ModifyDate>
<xmp:MetadataDate>${date}</xmp:MetadataDate>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
