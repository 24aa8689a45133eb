import { PDFArray, PDFDict, PDFName, PDFNumber, type PDFDocument, type PDFPage } from 'pdf-lib';

/** A page's entry in the structure's parent tree: the structure element of each MCID, by MCID. */
export function markedElements(pdf: PDFDocument, page: PDFPage): PDFArray | undefined {
  const key = page.node.lookupMaybe(PDFName.of('StructParents'), PDFNumber)?.asNumber();
  const root = pdf.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const marks = key === undefined || !root ? undefined : numberTreeEntry(pdf, root.lookupMaybe(PDFName.of('ParentTree'), PDFDict), key);
  return marks instanceof PDFArray ? marks : undefined;
}

/** The value under `key` in a number tree (its Nums, or those of its Kids). */
function numberTreeEntry(pdf: PDFDocument, node: PDFDict | undefined, key: number): unknown {
  if (!node) return undefined;
  const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray);
  if (nums) {
    for (let i = 0; i + 1 < nums.size(); i += 2) if ((nums.lookup(i) as PDFNumber).asNumber() === key) return nums.lookup(i + 1);
    return undefined;
  }
  for (const kid of node.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? []) {
    const found = numberTreeEntry(pdf, pdf.context.lookup(kid, PDFDict), key);
    if (found !== undefined) return found;
  }
  return undefined;
}
