// Run EPUBCheck (Debian's /usr/bin/epubcheck jar, as a library) on every
// file named, in one JVM: "ok FILE" or "FAIL FILE: N errors, N warnings"
// with EPUBCheck's messages.  Exit 1 if any file has an error or warning.
// Run: java -cp /usr/bin/epubcheck tests/epub/EpubCheckAll.java FILE...
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class EpubCheckAll {
	public static void main(String[] args) {
		int bad = 0;
		for (String f : args) {
			DefaultReportImpl r = new DefaultReportImpl(f);
			new EpubCheck(new File(f), r).doValidate();
			int e = r.getErrorCount() + r.getFatalErrorCount();
			int w = r.getWarningCount();
			if (e + w == 0)
				System.out.println("ok " + f);
			else {
				System.out.println("FAIL " + f + ": " + e +
				    " errors, " + w + " warnings");
				bad++;
			}
		}
		System.exit(bad > 0 ? 1 : 0);
	}
}
