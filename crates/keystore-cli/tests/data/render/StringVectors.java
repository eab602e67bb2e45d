import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

/** Prints "charset input-hex output-utf8-hex" lines: how Java decodes odd DER string bytes. */
public class StringVectors {
    public static void main(String[] args) {
        Random r = new Random(17);
        HexFormat hex = HexFormat.of();
        String[] charsets = {"UTF-8", "UTF-16BE", "UTF_32BE"};
        int[] pool = {0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xef,
                      0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0, 0x8f, 0x90, 0xd8, 0xdc, 0xdf, 0x10, 0x11};
        String[] fixed = {"feff0041", "fffe0041", "0041feff", "0041fffe", "0000feff", "fffe0000",
                          "0000fffe00000041", "d800dc00", "dc00d800", "d800", "dc00", "d83dde00",
                          "0000d800", "0001f600", "0010ffff", "00110000", "00", "0000", "000000",
                          "eda080", "edb080", "f4908080", "f08f8080", "e08080", "c080", "c280",
                          "e0a0", "e0a080", "f0", "f090", "f09080", "f0908080", "e2", "e282", "c3",
                          "000000410000feff", "0000feff0000feff", "0000feff00000041"};
        for (String cs : charsets) {
            Charset c = Charset.forName(cs);
            for (String f : fixed) {
                byte[] b = hex.parseHex(f);
                String s = new String(b, c);
                System.out.println(cs + " " + f + " "
                        + (s.isEmpty() ? "-" : hex.formatHex(s.getBytes(StandardCharsets.UTF_8))));
            }
            for (int i = 0; i < 400; i++) {
                int len = r.nextInt(cs.equals("UTF-8") ? 9 : 13);
                byte[] b = new byte[len];
                for (int j = 0; j < len; j++) {
                    b[j] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : pool[r.nextInt(pool.length)]);
                    int unit = cs.equals("UTF_32BE") ? 4 : 2;
                    if (unit == 4 && j % 4 < 2 && r.nextInt(3) > 0) {
                        b[j] = 0;
                    }
                    if (unit == 2 && j % 2 == 0 && r.nextInt(3) == 0) {
                        b[j] = 0;
                    }
                }
                String s = new String(b, c);
                System.out.println(cs + " " + (len == 0 ? "-" : hex.formatHex(b)) + " "
                        + (s.isEmpty() ? "-" : hex.formatHex(s.getBytes(StandardCharsets.UTF_8))));
            }
        }
    }
}
